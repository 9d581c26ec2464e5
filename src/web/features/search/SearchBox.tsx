import { TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";

/** The header's search box: Enter opens the search page with the words typed. */
export function SearchBox({ onSearch }: { onSearch?: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const current = location.pathname === "/search" ? (params.get("q") ?? "") : "";
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = value.trim();
    if (!q) return;
    void navigate(`/search?${new URLSearchParams({ q })}`);
    onSearch?.();
  };
  return (
    <search className="header-search">
      <form onSubmit={submit}>
        <TextInput
          size="xs"
          type="search"
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          placeholder={t("search.placeholder")}
          aria-label={t("search.label")}
          data-testid="header-search"
          maxLength={200}
        />
      </form>
    </search>
  );
}
