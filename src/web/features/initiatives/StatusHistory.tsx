import { Text, Timeline } from "@mantine/core";
import { useTransitions } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { QueryState } from "../../ui/QueryState.tsx";

/** Every status change, oldest first, with who, when and why (transitions are recorded). */
export function StatusHistory({ initiativeId }: { initiativeId: string }) {
  const { t, fmt } = useI18n();
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
                {t("history.by", { actor: step.actor, at: fmt.dateTime(step.at) })}
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
