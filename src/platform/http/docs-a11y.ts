/**
 * Accessibility repairs for Swagger UI's own markup on /api/docs, so the page passes axe
 * (WCAG 2.1 A and AA) like the rest of ESCA Hub. Swagger UI is a third-party bundle; these
 * are its supported extension points: a stylesheet (@fastify/swagger-ui's `theme.css`) and a
 * Swagger UI plugin that docs-initializer.ts installs. Each rule says which axe rule it answers.
 */

/** Darker backgrounds and text where Swagger UI's colours fall below 4.5:1 (`color-contrast`). */
export const docsA11yCss = `/* ESCA Hub: contrast fixes for Swagger UI (WCAG 1.4.3, at least 4.5:1). */
.swagger-ui .topbar .download-url-wrapper .download-url-button { background: #2f6b1a; }
.swagger-ui .info .title small { background: #4f5663; }
.swagger-ui .info .title small.version-stamp { background: #3f6300; }
.swagger-ui .info .title small pre { color: #ffffff; }
.swagger-ui .info .base-url, .swagger-ui .info a, .swagger-ui .info .url { color: #0b5cad; }
.swagger-ui .btn.authorize { color: #1e7e4f; border-color: #1e7e4f; }
.swagger-ui .btn.authorize svg { fill: #1e7e4f; }
/* Method badges: dark text on the light method colours (white stays on head and options). */
.swagger-ui .opblock .opblock-summary-method { color: #000000; text-shadow: none; }
.swagger-ui .opblock.opblock-head .opblock-summary-method,
.swagger-ui .opblock.opblock-options .opblock-summary-method { color: #ffffff; }
.swagger-ui .parameter__in, .swagger-ui .parameter__extension, .swagger-ui .prop-format { color: #595959; }
/* The example highlighter (theme "agate") sets colours inline: numbers and comments too dim on #333. */
.swagger-ui .highlight-code .microlight span[style*="rgb(211, 99, 99)"] { color: #ff9a9a !important; }
.swagger-ui .highlight-code .microlight span[style*="rgb(136, 136, 136)"] { color: #b0b0b0 !important; }
`;

/**
 * The plugin, as browser script (the page's Content-Security-Policy allows scripts from files
 * only, so it ships inside the initializer file):
 * - `nested-interactive`: an operation's summary row is one button (it opens the operation);
 *   Swagger UI put the path's deep link, a second control, inside it. The path is drawn as
 *   text; opening the operation still writes its deep link into the address bar.
 * - `scrollable-region-focusable`: example and response code blocks scroll; each gets
 *   tabindex=0 so keyboard users can reach and scroll it.
 * - `label` / `select-name`: the address box of the top bar, the server list and the
 *   parameter fields get an accessible name (the parameter's name and where it goes).
 */
export const docsA11yScript = `function EscaDocsA11y(system) {
  return {
    // Swagger UI calls this once its system is built, before it draws into #swagger-ui.
    afterLoad: function () {
      escaWatchA11y();
    },
    wrapComponents: {
      OperationSummaryPath: function (Original) {
        return function (props) {
          var operationProps = props.operationProps;
          if (!operationProps || !operationProps.set) return system.React.createElement(Original, props);
          return system.React.createElement(Original, Object.assign({}, props, {
            operationProps: operationProps.set("isDeepLinkingEnabled", false),
          }));
        };
      },
    },
  };
}

function escaRepair(root) {
  root.querySelectorAll(".highlight-code pre, .microlight").forEach(function (block) {
    if (!block.hasAttribute("tabindex")) block.setAttribute("tabindex", "0");
  });
  var named = function (field, name) {
    // None of these has a label of its own (the server list sits in an empty <label>).
    if (!field.hasAttribute("aria-label") && !field.hasAttribute("aria-labelledby"))
      field.setAttribute("aria-label", name);
  };
  root.querySelectorAll("#download-url-input").forEach(function (field) {
    named(field, "OpenAPI description URL");
  });
  root.querySelectorAll("select#servers").forEach(function (field) {
    named(field, "Servers");
  });
  root.querySelectorAll("tr[data-param-name] input, tr[data-param-name] select, tr[data-param-name] textarea").forEach(function (field) {
    var row = field.closest("tr[data-param-name]");
    named(field, row.getAttribute("data-param-name") + " (" + row.getAttribute("data-param-in") + ")");
  });
}

function escaWatchA11y() {
  var root = document.getElementById("swagger-ui");
  if (!root) return;
  escaRepair(root);
  new MutationObserver(function () { escaRepair(root); }).observe(root, { childList: true, subtree: true });
}
`;
