import { createBrowserRouter } from "react-router";
import { Loading } from "../ui/QueryState.tsx";
import { Layout } from "./Layout.tsx";
import { NotFoundPage, RouteError } from "./NotFoundPage.tsx";

/** Every page is its own chunk; the workspaces load only when someone opens them. */
export const router = createBrowserRouter([
  {
    path: "/",
    Component: Layout,
    HydrateFallback: Loading,
    ErrorBoundary: RouteError,
    children: [
      {
        index: true,
        lazy: async () => ({
          Component: (await import("../features/dashboard/DashboardPage.tsx")).DashboardPage,
        }),
      },
      {
        path: "initiatives",
        lazy: async () => ({
          Component: (await import("../features/initiatives/InitiativesPage.tsx")).InitiativesPage,
        }),
      },
      {
        path: "initiatives/:id",
        lazy: async () => ({
          Component: (await import("../features/initiatives/InitiativePage.tsx")).InitiativePage,
        }),
      },
      {
        path: "mandates",
        lazy: async () => ({
          Component: (await import("../features/mandates/MandatesPage.tsx")).MandatesPage,
        }),
      },
      {
        path: "mandates/:id",
        lazy: async () => ({
          Component: (await import("../features/mandates/MandatePage.tsx")).MandatePage,
        }),
      },
      {
        path: "mandates/:id/trace",
        lazy: async () => ({
          Component: (await import("../features/mandates/TracePage.tsx")).TracePage,
        }),
      },
      {
        path: "countries",
        lazy: async () => ({
          Component: (await import("../features/countries/CountriesPage.tsx")).CountriesPage,
        }),
      },
      {
        path: "countries/:code",
        lazy: async () => ({
          Component: (await import("../features/countries/CountryPage.tsx")).CountryPage,
        }),
      },
      {
        path: "partners",
        lazy: async () => ({
          Component: (await import("../features/partners/PartnersPage.tsx")).PartnersPage,
        }),
      },
      {
        path: "partners/:id",
        lazy: async () => ({
          Component: (await import("../features/partners/PartnerPage.tsx")).PartnerPage,
        }),
      },
      {
        path: "directory",
        lazy: async () => ({
          Component: (await import("../features/directory/DirectoryPage.tsx")).DirectoryPage,
        }),
      },
      {
        path: "requests/:id",
        lazy: async () => ({
          Component: (await import("../features/requests/RequestPage.tsx")).RequestPage,
        }),
      },
      {
        path: "components",
        lazy: async () => ({
          Component: (await import("../features/components/ComponentsPage.tsx")).ComponentsPage,
        }),
      },
      {
        path: "components/:code",
        lazy: async () => ({
          Component: (await import("../features/components/ComponentPage.tsx")).ComponentPage,
        }),
      },
      {
        path: "reconciliation",
        lazy: async () => ({
          Component: (await import("../features/exchange/ReconciliationPage.tsx"))
            .ReconciliationPage,
        }),
      },
      {
        path: "workspace",
        lazy: async () => ({
          Component: (await import("../features/workspace/WorkspaceLayout.tsx")).WorkspaceLayout,
        }),
        children: [
          {
            index: true,
            lazy: async () => ({
              Component: (await import("../features/workspace/WorkspaceHome.tsx")).WorkspaceHome,
            }),
          },
          {
            path: "initiatives/new",
            lazy: async () => ({
              Component: (
                await import("../features/initiatives/workspace/InitiativeWorkspacePage.tsx")
              ).NewInitiativePage,
            }),
          },
          {
            path: "initiatives/:id",
            lazy: async () => ({
              Component: (
                await import("../features/initiatives/workspace/InitiativeWorkspacePage.tsx")
              ).InitiativeWorkspacePage,
            }),
          },
          {
            path: "flows",
            lazy: async () => ({
              Component: (await import("../features/funding/PartnerDesk.tsx")).FlowsWorkspacePage,
            }),
          },
          {
            path: "over-disbursements",
            lazy: async () => ({
              Component: (await import("../features/funding/OverrideRequestsPage.tsx"))
                .OverrideRequestsPage,
            }),
          },
          {
            path: "account",
            lazy: async () => ({
              Component: (await import("../features/accounts/AccountPage.tsx")).AccountPage,
            }),
          },
          {
            path: "requests",
            lazy: async () => ({
              Component: (await import("../features/requests/RequestsWorkspacePage.tsx"))
                .RequestsWorkspacePage,
            }),
          },
          {
            path: "users",
            lazy: async () => ({
              Component: (await import("../features/accounts/UsersPage.tsx")).UsersPage,
            }),
          },
          {
            path: "iati",
            lazy: async () => ({
              Component: (await import("../features/iati/IatiImportPage.tsx")).IatiImportPage,
            }),
          },
          {
            path: "iati/links",
            lazy: async () => ({
              Component: (await import("../features/iati/ActivityLinksPage.tsx")).ActivityLinksPage,
            }),
          },
          {
            path: "exchange-rates",
            lazy: async () => ({
              Component: (await import("../features/exchange-rates/ExchangeRatesPage.tsx"))
                .ExchangeRatesPage,
            }),
          },
          {
            path: "spreadsheets",
            lazy: async () => ({
              Component: (await import("../features/exchange/SpreadsheetPage.tsx")).SpreadsheetPage,
            }),
          },
        ],
      },
      { path: "*", Component: NotFoundPage },
    ],
  },
]);
