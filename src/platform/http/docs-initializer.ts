import { docsA11yScript } from "./docs-a11y.ts";

/**
 * The script that starts Swagger UI on /api/docs, served in place of @fastify/swagger-ui's
 * own. Its own finds the description by appending "./json" to the page's whole address, so
 * any query string broke it: /api/docs?lang=es asked for /api/docs?lang=es/./json, the page
 * itself, and showed "Unable to render this definition". This one resolves "json" against the
 * page's path alone: /api/docs, /api/docs/ and /api/docs?lang=es#/funding all read
 * /api/docs/json. It also installs the accessibility repairs of docs-a11y.ts.
 */
export const docsInitializer = `${docsA11yScript}
window.onload = function () {
  var path = window.location.pathname.replace(/\\/?$/, "/");
  var page = new URL(path, window.location.origin);
  window.ui = SwaggerUIBundle({
    url: new URL("json", page).href,
    dom_id: "#swagger-ui",
    deepLinking: true,
    // Over a hundred operations: the page opens on the list of tags (a deep link opens its
    // operation); listing every operation at once left Swagger UI drawing only the first few.
    docExpansion: "none",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl, EscaDocsA11y],
    layout: "StandaloneLayout",
    validatorUrl: null,
    oauth2RedirectUrl: new URL("static/oauth2-redirect.html", page).href,
  });
};
`;
