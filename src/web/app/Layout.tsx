import {
  Anchor,
  Box,
  Burger,
  Container,
  Drawer,
  Group,
  SegmentedControl,
  Stack,
  Text,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useEffect } from "react";
import {
  Link,
  NavLink,
  Outlet,
  ScrollRestoration,
  useLocation,
  useNavigation,
  useSearchParams,
} from "react-router";
import { SearchBox } from "../features/search/SearchBox.tsx";
import { isLanguage, type Language, type MessageKey, useI18n } from "../i18n/i18n.tsx";

const navigation: { to: string; label: MessageKey; end?: boolean }[] = [
  { to: "/", label: "nav.dashboard", end: true },
  { to: "/initiatives", label: "nav.initiatives" },
  { to: "/countries", label: "nav.countries" },
  { to: "/partners", label: "nav.partners" },
  { to: "/directory", label: "nav.directory" },
  { to: "/components", label: "nav.components" },
  { to: "/mandates", label: "nav.mandates" },
  { to: "/conferences", label: "nav.conferences" },
  { to: "/practices", label: "nav.practices" },
  { to: "/reports", label: "nav.reports" },
  { to: "/workspace", label: "nav.workspace" },
];

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const [params, setParams] = useSearchParams();
  const choose = (next: string) => {
    if (!isLanguage(next)) return;
    setLang(next);
    // A shared link keeps saying which language it is in.
    if (params.has("lang")) {
      const updated = new URLSearchParams(params);
      updated.set("lang", next);
      setParams(updated, { replace: true, preventScrollReset: true });
    }
  };
  return (
    <SegmentedControl
      size="xs"
      value={lang}
      onChange={choose}
      aria-label={t("lang.switch")}
      data-testid="language-switch"
      data={[
        { value: "es", label: t("lang.es") },
        { value: "en", label: t("lang.en") },
      ]}
    />
  );
}

function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useI18n();
  return (
    <>
      {navigation.map((item) => (
        <NavLink
          key={item.to}
          to={item.to}
          end={item.end ?? false}
          className="nav-link"
          {...(onNavigate ? { onClick: onNavigate } : {})}
        >
          {t(item.label)}
        </NavLink>
      ))}
    </>
  );
}

/** `?lang=es|en` on any page selects the language, also when a link changes it later. */
function useLanguageFromUrl() {
  const [params] = useSearchParams();
  const { lang, setLang } = useI18n();
  const requested = params.get("lang");
  useEffect(() => {
    if (isLanguage(requested) && requested !== lang) setLang(requested as Language);
  }, [requested, lang, setLang]);
}

export function Layout() {
  const { t } = useI18n();
  const [opened, { toggle, close }] = useDisclosure(false);
  useLanguageFromUrl();
  const location = useLocation();
  const routing = useNavigation();
  return (
    <>
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <Container size="xl" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Anchor component={Link} to="/" className="brand" underline="never">
              <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
                <rect width="32" height="32" rx="7" fill="#67c1d6" />
                <path
                  d="M9 23V9h13M9 16h10M9 23h13"
                  stroke="#0b2545"
                  strokeWidth="3.2"
                  fill="none"
                  strokeLinecap="round"
                />
              </svg>
              <span>
                <span className="brand-name">{t("app.name")}</span>
                <span className="brand-tagline">{t("app.tagline")}</span>
              </span>
            </Anchor>
            <Group gap={4} visibleFrom="md" component="nav" aria-label={t("nav.main")}>
              <NavLinks />
            </Group>
            <Group gap="xs" wrap="nowrap">
              <Box visibleFrom="sm">
                <SearchBox />
              </Box>
              <LanguageSwitch />
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="md"
                size="sm"
                color="white"
                aria-label={t(opened ? "nav.closeMenu" : "nav.openMenu")}
              />
            </Group>
          </Group>
        </Container>
      </header>
      <Drawer opened={opened} onClose={close} title={t("nav.main")} size="xs" hiddenFrom="md">
        <Stack component="nav" aria-label={t("nav.main")} gap={4} className="drawer-nav">
          <Box hiddenFrom="sm" mb="xs">
            <SearchBox onSearch={close} />
          </Box>
          <NavLinks onNavigate={close} />
        </Stack>
      </Drawer>
      <Box
        component="main"
        id="main"
        tabIndex={-1}
        className="site-main"
        aria-busy={routing.state !== "idle"}
        data-rendered-path={location.pathname}
      >
        <Outlet />
      </Box>
      <footer className="site-footer">
        <Container size="xl">
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {t("footer.mandate")}
            </Text>
            <Text size="sm">{t("footer.money")}</Text>
            <Text size="sm">{t("footer.illustrative")}</Text>
            <Group gap="md">
              <Anchor href="/api/docs" size="sm" c="esca.1">
                {t("footer.api")}
              </Anchor>
              <Anchor component={Link} to="/open-data" size="sm" c="esca.1">
                {t("footer.openData")}
              </Anchor>
            </Group>
          </Stack>
        </Container>
      </footer>
      <ScrollRestoration />
    </>
  );
}
