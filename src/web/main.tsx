import "@mantine/core/styles.css";
import "./ui/app.css";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { router } from "./app/router.tsx";
import { errorColor, theme } from "./app/theme.ts";
import { I18nProvider, initialLanguage, loadCatalog } from "./i18n/i18n.tsx";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false },
  },
});

const root = document.getElementById("root");
const lang = initialLanguage();
// Only the language shown is loaded, before the first render.
if (root)
  void loadCatalog(lang).then((messages) =>
    createRoot(root).render(
      <StrictMode>
        <MantineProvider theme={theme} cssVariablesResolver={errorColor} defaultColorScheme="light">
          <QueryClientProvider client={queryClient}>
            <I18nProvider initial={{ lang, messages }}>
              <RouterProvider router={router} />
            </I18nProvider>
          </QueryClientProvider>
        </MantineProvider>
      </StrictMode>,
    ),
  );
