import { Paper, Progress, Text } from "@mantine/core";
import type { ReactNode } from "react";

export function StatCard({
  label,
  value,
  hint,
  accent,
  progress,
  testId,
  help,
}: {
  label: string;
  value: string;
  hint?: ReactNode;
  accent: string;
  /** 0–100, for coverage: drawn as a bar under the figure. */
  progress?: number | undefined;
  testId?: string;
  /** Beside the label: the figure's definition (MeasureHelp). */
  help?: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md" className="stat-card" style={{ borderTopColor: accent }}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" className="stat-label">
        {label}
        {help ?? null}
      </Text>
      <Text fz={26} fw={700} lh={1.2} mt={4} data-testid={testId} className="stat-value">
        {value}
      </Text>
      {progress !== undefined ? (
        <Progress value={Math.min(progress, 100)} color={accent} mt="xs" size="sm" aria-hidden />
      ) : null}
      {hint ? (
        <Text size="xs" c="dimmed" mt={6}>
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}
