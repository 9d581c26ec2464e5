import { Text, Timeline } from "@mantine/core";
import type { Transition } from "../../../contracts/initiatives.ts";
import { useTransitions } from "../../api/queries.ts";
import { type Translate, useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { QueryState } from "../../ui/QueryState.tsx";

/**
 * Who took a step: the organization and role (the public sees no more), with the person's
 * e-mail when the API gives it (the secretariat and the initiative's own country).
 */
function actorText(step: Transition, t: Translate, pick: ReturnType<typeof usePick>): string {
  if (step.actor_kind === "system") return t("history.platform");
  const who = [
    step.actor_organization ? pick(step.actor_organization.name) : null,
    step.actor_role ? t(`role.${step.actor_role}`) : null,
  ]
    .filter(Boolean)
    .join(", ");
  if (!step.actor) return who;
  return who ? `${who} (${step.actor})` : step.actor;
}

/**
 * Every status change, oldest first, with who, when and why (transitions are recorded). A
 * step entered after it took effect (history loaded later) shows both days.
 */
export function StatusHistory({ initiativeId }: { initiativeId: string }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const transitions = useTransitions(initiativeId);
  return (
    <QueryState query={transitions}>
      {(history) => (
        <Timeline active={history.data.length - 1} bulletSize={14} lineWidth={2}>
          {history.data.map((step) => (
            <Timeline.Item
              key={step.id}
              title={
                step.from
                  ? t("history.step", {
                      from: t(`status.${step.from}`),
                      to: t(`status.${step.to}`),
                    })
                  : t("history.created", { to: t(`status.${step.to}`) })
              }
            >
              <Text size="xs" c="dimmed">
                {step.effective_on === step.at.slice(0, 10)
                  ? t("history.by", { actor: actorText(step, t, pick), at: fmt.dateTime(step.at) })
                  : t("history.byEffective", {
                      actor: actorText(step, t, pick),
                      effective: fmt.date(step.effective_on),
                      entered: fmt.date(step.at),
                    })}
              </Text>
              {step.reason ? (
                <Text size="sm" className="timeline-reason">
                  {t("history.reason", { reason: step.reason })}
                </Text>
              ) : null}
              {step.funding_override_reason ? (
                <Text size="sm" c="orange.9" className="timeline-reason">
                  {t("history.override", { reason: step.funding_override_reason })}
                </Text>
              ) : null}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </QueryState>
  );
}
