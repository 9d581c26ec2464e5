import { Badge, Button, Container, Group, Text } from "@mantine/core";
import { NavLink, Outlet } from "react-router";
import type { User } from "../../../contracts/accounts.ts";
import { type MessageKey, useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { Loading } from "../../ui/QueryState.tsx";
import { LoginForm } from "../accounts/LoginForm.tsx";
import { isStaff, useLogout, useSession } from "../accounts/session.ts";
import { TotpSetup } from "../accounts/TotpSetup.tsx";
import { InboxLink } from "../reminders/InboxLink.tsx";

function links(user: User): { to: string; label: MessageKey }[] {
  const home = { to: "/workspace", label: "workspace.home" as const };
  // The spreadsheet routes admit partners and staff; reconciliation is public.
  const spreadsheets = { to: "/workspace/spreadsheets", label: "workspace.spreadsheets" as const };
  const reconciliation = { to: "/reconciliation", label: "workspace.reconciliation" as const };
  const requests = { to: "/workspace/requests", label: "workspace.requests" as const };
  const indicatorsImport = { to: "/workspace/indicators/import", label: "csv.nav" as const };
  if (user.role === "focal_point")
    return [
      home,
      { to: "/workspace/initiatives/new", label: "workspace.newInitiative" },
      requests,
      indicatorsImport,
      reconciliation,
    ];
  if (user.role === "body_officer") return [home, requests, reconciliation];
  // The IATI import routes admit partners (their own publication) and staff; links are staff's.
  const iatiImport = { to: "/workspace/iati", label: "iati.nav.import" as const };
  const iatiLinks = { to: "/workspace/iati/links", label: "iati.nav.links" as const };
  const overrides = { to: "/workspace/over-disbursements", label: "override.nav" as const };
  const dataQuality = { to: "/workspace/data-quality", label: "reminders.quality.nav" as const };
  if (user.role === "partner") return [home, spreadsheets, iatiImport, overrides, reconciliation];
  return [
    home,
    { to: "/workspace/flows", label: "workspace.recordFlows" },
    overrides,
    { to: "/workspace/initiatives/new", label: "workspace.newInitiative" },
    { to: "/workspace/users", label: "workspace.users" },
    { to: "/workspace/exchange-rates", label: "rates.nav" },
    indicatorsImport,
    { to: "/workspace/practices", label: "practices.workspace.title" },
    dataQuality,
    { to: "/workspace/conferences", label: "conf.workspaceNav" },
    { to: "/workspace/reports", label: "reports.issue.nav" },
    { to: "/workspace/audit", label: "audit.browser.nav" },
    requests,
    { to: "/workspace/directory", label: "directory.nav" },
    spreadsheets,
    iatiImport,
    iatiLinks,
    reconciliation,
  ];
}

/** Signed-in area: the sign-in form for the public, the role's pages for a user. */
export function WorkspaceLayout() {
  const { t } = useI18n();
  const pick = usePick();
  const session = useSession();
  const logout = useLogout();
  if (session.isPending) return <Loading />;
  const user = session.data?.user;
  if (!user) return <LoginForm />;
  if (session.data?.needs_totp_setup) return <TotpSetup />;
  return (
    <>
      <div className="workspace-bar">
        <Container size="xl">
          <Group justify="space-between" py="sm" gap="sm">
            <Group gap="sm">
              <Text fw={700} data-testid="signed-in-user">
                {user.name}
              </Text>
              <Badge variant="filled" bg="#e1ecfa" c="#123f7a">
                {t(`role.${user.role}`)}
              </Badge>
              <Text size="sm" c="dimmed">
                {pick(user.organization.name)}
              </Text>
            </Group>
            <Group gap={4} component="nav" aria-label={t("workspace.nav")}>
              {links(user).map((link) => (
                <NavLink key={link.to} to={link.to} end className="workspace-link">
                  {t(link.label)}
                </NavLink>
              ))}
              <InboxLink />
              <NavLink to="/workspace/account" end className="workspace-link">
                {t("workspace.account")}
              </NavLink>
              <Button variant="subtle" size="compact-sm" onClick={() => logout.mutate()}>
                {t("workspace.logout")}
              </Button>
            </Group>
          </Group>
        </Container>
      </div>
      <Outlet context={{ user, staff: isStaff(user) }} />
    </>
  );
}
