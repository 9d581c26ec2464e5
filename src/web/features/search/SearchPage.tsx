import {
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  Pagination,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { memberStates } from "../../../contracts/enum-values.ts";
import { type SearchKind, type SearchResult, searchKinds } from "../../../contracts/search.ts";
import { useComponents } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText, usePick } from "../../ui/Bilingual.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { Snippet } from "./Snippet.tsx";
import { SEARCH_PAGE_SIZE, useSearch } from "./search-api.ts";

const recordPath: Record<SearchKind, string> = {
  initiative: "/initiatives",
  partner: "/partners",
  oas_body: "/partners",
  mandate: "/mandates",
  practice: "/practices",
};

const isKind = (value: string | null): value is SearchKind =>
  (searchKinds as readonly string[]).includes(value ?? "");

/** The one search's page: the words in the address (?q=), filters, ranked results. */
export function SearchPage() {
  const { t, lang, fmt } = useI18n();
  const pick = usePick();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const kindParam = params.get("kind");
  const kind = isKind(kindParam) ? kindParam : undefined;
  const component = params.get("component") ?? undefined;
  const country = params.get("country") ?? undefined;
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);
  const components = useComponents();
  const results = useSearch({
    q,
    kind,
    component,
    country,
    lang,
    offset: (page - 1) * SEARCH_PAGE_SIZE,
  });
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (!("page" in changes)) next.delete("page");
    setParams(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: typed.trim() || undefined });
  };
  return (
    <>
      <PageHeader
        kicker={t("search.kicker")}
        title={t("search.title")}
        description={t("search.lead")}
      />
      <Container size="xl">
        <Stack gap="md">
          <search>
            <form onSubmit={submit}>
              <Group align="flex-end" gap="xs">
                <TextInput
                  label={t("search.label")}
                  value={typed}
                  onChange={(event) => setTyped(event.currentTarget.value)}
                  maxLength={200}
                  style={{ flex: 1 }}
                  data-testid="search-page-input"
                />
                <Button type="submit">{t("search.submit")}</Button>
              </Group>
            </form>
          </search>
          <Group gap="sm" align="flex-end">
            <Select
              label={t("search.component")}
              clearable
              value={component ?? null}
              onChange={(value) => update({ component: value ?? undefined })}
              data={(components.data?.data ?? []).map((c) => ({
                value: c.code,
                label: `${c.code} · ${pick(c.name)}`,
              }))}
              w={260}
            />
            <Select
              label={t("search.country")}
              clearable
              value={country ?? null}
              onChange={(value) => update({ country: value ?? undefined })}
              data={memberStates.map((code) => ({ value: code, label: fmt.country(code) }))}
              w={200}
            />
          </Group>
          {q ? (
            <QueryState query={results}>
              {(answer) => (
                <Stack gap="sm">
                  <SegmentedControl
                    value={kind ?? "all"}
                    onChange={(value) => update({ kind: value === "all" ? undefined : value })}
                    aria-label={t("search.kind")}
                    data={[
                      {
                        value: "all",
                        label: `${t("search.kind.all")} (${Object.values(answer.counts).reduce((a, b) => a + b, 0)})`,
                      },
                      ...searchKinds.map((k) => ({
                        value: k,
                        label: `${t(`search.kind.${k}`)} (${answer.counts[k]})`,
                      })),
                    ]}
                    style={{ alignSelf: "flex-start", flexWrap: "wrap" }}
                  />
                  {answer.suggestion ? (
                    <Text data-testid="search-suggestion">
                      {t("search.didYouMean")}{" "}
                      <Anchor
                        component={Link}
                        to={`/search?${new URLSearchParams({ q: answer.suggestion })}`}
                      >
                        {answer.suggestion}
                      </Anchor>
                    </Text>
                  ) : null}
                  <Text size="sm" c="dimmed" aria-live="polite">
                    {t("search.total", { count: answer.page.total, query: answer.query })}
                  </Text>
                  <Stack
                    gap="md"
                    component="ol"
                    className="search-results"
                    data-testid="search-results"
                  >
                    {answer.data.map((hit) => (
                      <SearchHit key={`${hit.kind}:${hit.id}`} hit={hit} />
                    ))}
                  </Stack>
                  {answer.page.total > SEARCH_PAGE_SIZE ? (
                    <Pagination
                      value={page}
                      onChange={(value) => update({ page: String(value) })}
                      total={Math.ceil(answer.page.total / SEARCH_PAGE_SIZE)}
                    />
                  ) : null}
                </Stack>
              )}
            </QueryState>
          ) : (
            <Text c="dimmed">{t("search.empty")}</Text>
          )}
        </Stack>
      </Container>
    </>
  );
}

function SearchHit({ hit }: { hit: SearchResult }) {
  const { t, fmt } = useI18n();
  return (
    <li className="search-hit" data-kind={hit.kind}>
      <Group gap={6} mb={2}>
        <Badge size="sm" variant="light">
          {t(`search.kind.${hit.kind}`)}
        </Badge>
        {hit.code ? (
          <Text size="xs" c="dimmed">
            {hit.code}
          </Text>
        ) : null}
        {hit.language ? (
          <Badge size="sm" variant="outline" color="gray">
            {t(`lang.${hit.language}`)}
          </Badge>
        ) : null}
      </Group>
      <Anchor
        component={Link}
        to={`${recordPath[hit.kind]}/${encodeURIComponent(hit.ref)}`}
        fw={600}
      >
        <BilingualText value={hit.title} />
      </Anchor>
      {hit.snippet.length ? (
        <Text size="sm" c="dark.6">
          <Snippet pieces={hit.snippet} />
        </Text>
      ) : null}
      {hit.countries.length || hit.components.length ? (
        <Text size="xs" c="dimmed">
          {[
            ...hit.components.map((c) => `${t("search.component")} ${c}`),
            ...hit.countries.map((c) => fmt.country(c)),
          ].join(" · ")}
        </Text>
      ) : null}
    </li>
  );
}
