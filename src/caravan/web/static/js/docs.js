// Start Swagger UI on this server's OpenAPI document (kept out of the HTML so the CSP allows it).
window.SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
