import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
} from "react";
import type { MessageKey, Messages } from "./en.ts";
import { createFormatters, type Formatters } from "./format.ts";

export const languages = ["es", "en"] as const;
export type Language = (typeof languages)[number];
export type { MessageKey, Messages };

/** Each language's catalog is a chunk of its own: a page loads only the one it shows. */
const loaders: Record<Language, () => Promise<Messages>> = {
  es: () => import("./es.ts").then((module) => module.es),
  en: () => import("./en.ts").then((module) => module.en),
};
const loading = new Map<Language, Promise<Messages>>();

/** The catalog of a language, loaded once (a failed load is tried again next time). */
export function loadCatalog(lang: Language): Promise<Messages> {
  let promise = loading.get(lang);
  if (!promise) {
    promise = loaders[lang]();
    promise.catch(() => loading.delete(lang));
    loading.set(lang, promise);
  }
  return promise;
}

/** A language with its catalog loaded. */
export interface Catalog {
  lang: Language;
  messages: Messages;
}

const STORAGE_KEY = "esca.lang";

export const isLanguage = (value: unknown): value is Language => value === "es" || value === "en";

/** ?lang= first, then the kept choice, then the browser's languages; Spanish by default. */
export function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(window.location.search).get("lang");
  if (isLanguage(fromUrl)) {
    rememberLanguage(fromUrl);
    return fromUrl;
  }
  const kept = readStoredLanguage();
  if (kept) return kept;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLanguage(base)) return base;
  }
  return "es";
}

function readStoredLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function rememberLanguage(lang: Language) {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for the page only.
  }
}

/** "{count} initiatives" with { count: "3" } → "3 initiatives". */
export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  t: Translate;
  fmt: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

/**
 * The chosen language for the whole app. `initial` is loaded before the first render; another
 * one replaces it once its catalog has loaded (the page keeps its language until then, and
 * the last choice wins when choices overlap).
 */
export function I18nProvider({ children, initial }: { children: ReactNode; initial: Catalog }) {
  const [catalog, setCatalog] = useState<Catalog>(initial);
  const chosen = useRef<Language>(initial.lang);
  const setLang = useCallback((next: Language) => {
    rememberLanguage(next);
    chosen.current = next;
    loadCatalog(next).then(
      (messages) => {
        if (chosen.current === next) setCatalog({ lang: next, messages });
      },
      // Offline, say: the page stays in the language it shows.
      () => undefined,
    );
  }, []);
  const value = useMemo<I18n>(() => {
    const { lang, messages } = catalog;
    document.documentElement.lang = lang;
    return {
      lang,
      setLang,
      // A key outside the catalog (a reason the server added later) reads as itself.
      t: (key, vars) => interpolate(messages[key] ?? key, vars),
      fmt: createFormatters(lang),
    };
  }, [catalog, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
