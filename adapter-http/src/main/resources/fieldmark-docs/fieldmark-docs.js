// Swagger UI on this server's own OpenAPI document, from the jar (no CDN). With an API key the
// document and every "Try it out" need 'Authorization: Bearer <key>', which a browser cannot send
// when it opens /docs: the key the page stored (or one asked for here, then stored the same way)
// goes along with every request Swagger UI makes.
(async function () {
  'use strict';
  const STORED_KEY = 'fieldmark-api-key';
  let apiKey = localStorage.getItem(STORED_KEY) || '';
  const probe = await fetch('/openapi.yaml', { headers: apiKey ? { Authorization: 'Bearer ' + apiKey } : {} });
  if (probe.status === 401) {
    apiKey = window.prompt('This Fieldmark server needs its API key:') || '';
    localStorage.setItem(STORED_KEY, apiKey);
  }
  window.ui = SwaggerUIBundle({
    url: '/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    requestInterceptor: (request) => {
      // A key typed into Swagger UI's own Authorize dialog wins.
      if (apiKey && !request.headers.Authorization) {
        request.headers.Authorization = 'Bearer ' + apiKey;
      }
      return request;
    },
  });
})();
