import { createBrowserRouter } from "react-router";
import { Loading } from "../ui/QueryState.tsx";
import { Layout } from "./Layout.tsx";
import { NotFoundPage, RouteError } from "./NotFoundPage.tsx";

/** Every page is its own chunk; the workspaces load only when someone opens them. */
export const router = createBrowserRouter([
  // The live pledge board fills a projector's screen: no site header or footer around it.
  {
    path: "/conferences/:id/live",
    HydrateFallback: Loading,
    ErrorBoundary: RouteError,
    lazy: async () => ({
      Component: (await import("../features/live-board/LiveBoardPage.tsx")).LiveBoardPage,
    }),
  },
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
        path: "practices",
        lazy: async () => ({
          Component: (await import("../features/practices/PracticesPage.tsx")).PracticesPage,
        }),
      },
      {
        path: "practices/:id",
        lazy: async () => ({
          Component: (await import("../features/practices/PracticePage.tsx")).PracticePage,
        }),
      },
      {
        path: "search",
        lazy: async () => ({
          Component: (await import("../features/search/SearchPage.tsx")).SearchPage,
        }),
      },
      {
        path: "conferences",
        lazy: async () => ({
          Component: (await import("../features/conferences/ConferencesPage.tsx")).ConferencesPage,
        }),
      },
      {
        path: "conferences/:id",
        lazy: async () => ({
          Component: (await import("../features/conferences/ConferencePage.tsx")).ConferencePage,
        }),
      },
      {
        path: "group-of-friends",
        lazy: async () => ({
          Component: (await import("../features/conferences/GroupOfFriendsPage.tsx"))
            .GroupOfFriendsPage,
        }),
      },
      {
        path: "reports",
        lazy: async () => ({
          Component: (await import("../features/reports/ReportsPage.tsx")).ReportsPage,
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
        path: "open-data",
        lazy: async () => ({
          Component: (await import("../features/open-data/OpenDataPage.tsx")).OpenDataPage,
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
            path: "initiatives/:id/results",
            lazy: async () => ({
              Component: (await import("../features/indicators/ResultsWorkspacePage.tsx"))
                .ResultsWorkspacePage,
            }),
          },
          {
            path: "indicators/import",
            lazy: async () => ({
              Component: (await import("../features/indicators/ObservationsImportPage.tsx"))
                .ObservationsImportPage,
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
            path: "conferences",
            lazy: async () => ({
              Component: (await import("../features/conferences/ConferencesWorkspacePage.tsx"))
                .ConferencesWorkspacePage,
            }),
          },
          {
            path: "conferences/:id",
            lazy: async () => ({
              Component: (await import("../features/conferences/ConferenceEditorPage.tsx"))
                .ConferenceEditorPage,
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
            path: "directory",
            lazy: async () => ({
              Component: (await import("../features/directory/DirectoryWorkspacePage.tsx"))
                .DirectoryWorkspacePage,
            }),
          },
          {
            path: "practices",
            lazy: async () => ({
              Component: (await import("../features/practices/PracticesWorkspacePage.tsx"))
                .PracticesWorkspacePage,
            }),
          },
          {
            path: "practices/new",
            lazy: async () => ({
              Component: (await import("../features/practices/PracticeEditPage.tsx"))
                .NewPracticePage,
            }),
          },
          {
            path: "practices/:id",
            lazy: async () => ({
              Component: (await import("../features/practices/PracticeEditPage.tsx"))
                .PracticeEditPage,
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
            path: "inbox",
            lazy: async () => ({
              Component: (await import("../features/reminders/InboxPage.tsx")).InboxPage,
            }),
          },
          {
            path: "data-quality",
            lazy: async () => ({
              Component: (await import("../features/reminders/DataQualityPage.tsx"))
                .DataQualityPage,
            }),
          },
          {
            path: "spreadsheets",
            lazy: async () => ({
              Component: (await import("../features/exchange/SpreadsheetPage.tsx")).SpreadsheetPage,
            }),
          },
          {
            path: "audit",
            lazy: async () => ({
              Component: (await import("../features/audit/AuditBrowserPage.tsx")).AuditBrowserPage,
            }),
          },
          {
            path: "reports",
            lazy: async () => ({
              Component: (await import("../features/reports/IssueReportPage.tsx")).IssueReportPage,
            }),
          },
        ],
      },
      { path: "*", Component: NotFoundPage },
    ],
  },
]);
