import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { type ImportJob, importJobKey, importJobSchema } from "./iati-api.ts";

/** How long an upload waits for the event stream to connect before going ahead without it. */
const CONNECT_TIMEOUT_MS = 5000;

function readJob(event: Event): ImportJob | null {
  try {
    const parsed = importJobSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A job's event lands in the query cache; its end refreshes what the job may have changed. */
function applyJobEvent(client: QueryClient, job: ImportJob, done: boolean) {
  client.setQueryData(importJobKey(job.id), job);
  if (!done) return;
  void client.invalidateQueries({ queryKey: ["iati-imports"] });
  if (!job.dryRun && job.status === "succeeded")
    void client.invalidateQueries({
      predicate: (q) => !["session", "iati-imports", "iati-import"].includes(String(q.queryKey[0])),
    });
}

/**
 * The stream of every import job the reader may see (GET /iati/imports/events), opened just
 * before an upload and closed once that upload's job has ended. Opening it first matters on
 * the embedded database: there a running import holds the one database connection, so a
 * stream asked for afterwards could not even be authenticated until the import ended.
 */
export class ImportStream {
  private source: EventSource | null = null;
  private awaited: string | null = null;

  constructor(private readonly client: QueryClient) {}

  /** Resolves once connected, or refused, or after a few seconds: the upload goes ahead. */
  open(): Promise<void> {
    this.close();
    const source = new EventSource("/api/iati/imports/events");
    this.source = source;
    source.addEventListener("progress", (event) => this.receive(event, false));
    source.addEventListener("done", (event) => this.receive(event, true));
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, CONNECT_TIMEOUT_MS);
      source.onopen = () => {
        clearTimeout(timer);
        resolve();
        // A reconnection after a drop may have missed events: read the followed job again.
        if (this.awaited)
          void this.client.invalidateQueries({ queryKey: importJobKey(this.awaited) });
      };
      source.onerror = () => {
        if (source.readyState !== EventSource.CLOSED) return;
        clearTimeout(timer);
        if (this.source === source) this.source = null;
        resolve();
      };
    });
  }

  /** Follows the uploaded job; true while this stream carries its events. */
  follow(job: ImportJob): boolean {
    const key = importJobKey(job.id);
    const known = this.client.getQueryData<ImportJob>(key);
    // Its end may have come over the stream before the upload's answer did.
    if (!known) this.client.setQueryData(key, job);
    this.awaited = job.id;
    if ((known ?? job).status !== "running") this.close();
    return this.source !== null;
  }

  close() {
    this.source?.close();
    this.source = null;
    this.awaited = null;
  }

  private receive(event: Event, done: boolean) {
    const job = readJob(event);
    if (!job) return;
    applyJobEvent(this.client, job, done);
    if (done && job.id === this.awaited) this.close();
  }
}

/**
 * Follows one running job over its own event stream (GET /iati/imports/{id}/events), for a
 * job no ImportStream carries: opened from the history, or after a reload.
 */
export function useJobEvents(jobId: string, enabled: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`/api/iati/imports/${encodeURIComponent(jobId)}/events`);
    const receive = (event: Event, done: boolean) => {
      const job = readJob(event);
      if (job) applyJobEvent(client, job, done);
      if (done) source.close();
    };
    source.addEventListener("progress", (event) => receive(event, false));
    source.addEventListener("done", (event) => receive(event, true));
    return () => source.close();
  }, [jobId, enabled, client]);
}
