import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { User } from "../../../../contracts/accounts.ts";
import type { InitiativeStatus } from "../../../../contracts/enums.ts";
import {
  type Initiative,
  initiativeSchema,
  transitionResultSchema,
} from "../../../../contracts/initiatives.ts";
import { api } from "../../../api/client.ts";
import { type MessageKey, useI18n } from "../../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../../ui/ApiErrorAlert.tsx";
import { isStaff } from "../../accounts/session.ts";

interface Step {
  to: InitiativeStatus;
  label: MessageKey;
  /** A comment is required (rejecting, returning, cancelling). */
  reason?: "required" | "optional";
  /** Starting execution may override the funding gate, with a reason. */
  override?: boolean;
  color?: string;
}

/** The steps the interface offers each role; the API checks them again (and the four eyes). */
export function stepsFor(user: User, status: InitiativeStatus): Step[] {
  const staff = isStaff(user);
  const cancel: Step = {
    to: "cancelled",
    label: "transition.cancel",
    reason: "required",
    color: "red",
  };
  switch (status) {
    case "draft":
      return [{ to: "submitted", label: "transition.submit" }, cancel];
    case "submitted":
      return staff
        ? [
            { to: "endorsed", label: "transition.endorse", reason: "optional", color: "green" },
            { to: "draft", label: "transition.return", reason: "required", color: "orange" },
            { to: "rejected", label: "transition.reject", reason: "required", color: "red" },
          ]
        : [];
    case "endorsed":
      return staff ? [{ to: "seeking_funding", label: "transition.seekFunding" }, cancel] : [];
    case "seeking_funding":
      return staff
        ? [
            { to: "in_execution", label: "transition.execute", reason: "optional", override: true },
            cancel,
          ]
        : [];
    case "in_execution":
      return [{ to: "completed", label: "transition.complete" }, ...(staff ? [cancel] : [])];
    default:
      return [];
  }
}

export function TransitionPanel({
  user,
  initiative,
  onChanged,
  onReload,
}: {
  user: User;
  initiative: Initiative;
  onChanged: (next: Initiative) => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step | null>(null);
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState("");
  const move = useMutation({
    mutationFn: (chosen: Step) =>
      api.post(`/initiatives/${initiative.id}/transitions`, transitionResultSchema, {
        to: chosen.to,
        version: initiative.version,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(override.trim() ? { funding_override_reason: override.trim() } : {}),
      }),
    onSuccess: (result) => {
      setStep(null);
      onChanged(result.initiative);
    },
  });
  const publish = useMutation({
    mutationFn: (published: boolean) =>
      api.post(`/initiatives/${initiative.id}/publication`, initiativeSchema, {
        published,
        version: initiative.version,
      }),
    onSuccess: onChanged,
  });
  const steps = stepsFor(user, initiative.status);
  const open = (chosen: Step) => {
    move.reset();
    setReason("");
    setOverride("");
    if (chosen.reason || chosen.override) setStep(chosen);
    else move.mutate(chosen);
  };
  return (
    <Stack gap="sm">
      {steps.length === 0 && !isStaff(user) ? (
        <Text size="sm" c="dimmed">
          {t("transition.none")}
        </Text>
      ) : null}
      <Group gap="xs">
        {steps.map((s) => (
          <Button
            key={s.to}
            color={s.color ?? "esca"}
            variant={s.color === "red" ? "outline" : "filled"}
            onClick={() => open(s)}
            loading={move.isPending && move.variables?.to === s.to}
          >
            {t(s.label)}
          </Button>
        ))}
        {isStaff(user) ? (
          <Button
            variant="default"
            onClick={() => publish.mutate(!initiative.published_at)}
            loading={publish.isPending}
          >
            {t(initiative.published_at ? "transition.unpublish" : "transition.publish")}
          </Button>
        ) : null}
      </Group>
      {isStaff(user) ? (
        <Text size="xs" c="dimmed">
          {t(initiative.published_at ? "transition.isPublic" : "transition.isPrivate")}
        </Text>
      ) : null}
      {!step ? <ApiErrorAlert error={move.error ?? publish.error} onReload={onReload} /> : null}
      <Modal
        opened={step !== null}
        onClose={() => setStep(null)}
        title={step ? t(step.label) : ""}
        centered
      >
        {step ? (
          <Stack>
            <Textarea
              label={t(
                step.reason === "required" ? "transition.commentRequired" : "transition.comment",
              )}
              required={step.reason === "required"}
              autosize
              minRows={3}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldError(move.error, "reason")}
              data-autofocus
            />
            {step.override ? (
              <Textarea
                label={t("transition.override")}
                description={t("transition.overrideHelp")}
                autosize
                minRows={2}
                value={override}
                onChange={(e) => setOverride(e.currentTarget.value)}
                error={fieldError(move.error, "funding_override_reason")}
              />
            ) : null}
            <ApiErrorAlert
              error={move.error}
              shownPaths={["reason", "funding_override_reason"]}
              onReload={() => {
                setStep(null);
                onReload();
              }}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setStep(null)}>
                {t("action.cancel")}
              </Button>
              <Button
                color={step.color ?? "esca"}
                onClick={() => move.mutate(step)}
                loading={move.isPending}
              >
                {t("action.confirm")}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
