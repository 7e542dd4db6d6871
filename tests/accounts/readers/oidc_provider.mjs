// A real OpenID Connect provider for the readers' sign-in tests (npm oauth2-mock-server).
// Usage: node oidc_provider.mjs PORT; prints {"issuer": "..."} once it listens.
// The ID token names one made-up reader; the authorize step signs in without a consent page.
import { OAuth2Server } from "oauth2-mock-server";

const port = Number(process.argv[2]);
const server = new OAuth2Server();
await server.issuer.keys.generate("RS256");
server.service.on("beforeTokenSigning", (token) => {
  token.payload.email = "grace@oidc.example";
  token.payload.email_verified = true;
  token.payload.name = "Grace Hopper";
});
await server.start(port, "127.0.0.1");
console.log(JSON.stringify({ issuer: server.issuer.url }));
