import { Badge } from "@mantine/core";
import { NavLink } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { useInbox } from "./reminders-api.ts";

/** The inbox in the workspace navigation, with the count of open items beside it. */
export function InboxLink() {
  const { t, fmt } = useI18n();
  const inbox = useInbox();
  const count = inbox.data?.total;
  return (
    <NavLink
      to="/workspace/inbox"
      end
      className="workspace-link"
      aria-label={
        count === undefined ? t("reminders.inbox.nav") : t("reminders.inbox.navCount", { count })
      }
    >
      {t("reminders.inbox.nav")}
      {count ? (
        <Badge ml={6} size="sm" variant="filled" bg="#a4161a" c="#ffffff" data-testid="inbox-count">
          {fmt.number(count)}
        </Badge>
      ) : null}
    </NavLink>
  );
}
