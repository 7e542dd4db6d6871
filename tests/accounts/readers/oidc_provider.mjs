// A real OpenID Connect provider for the readers' sign-in tests (npm oauth2-mock-server).
// Usage: node oidc_provider.mjs PORT; prints {"issuer": "..."} once it listens.
// The ID token names one made-up reader; the authorize step signs in without a consent page.
//
// A test changes how the provider misbehaves by writing a mode's name as one line on stdin;
// the provider answers {"mode": NAME} on stdout once it is in force. "normal" undoes it.
import { createInterface } from "node:readline";
import { OAuth2Server } from "oauth2-mock-server";

const port = Number(process.argv[2]);
const server = new OAuth2Server();
await server.issuer.keys.generate("RS256");
let mode = "normal";

createInterface({ input: process.stdin }).on("line", (line) => {
  mode = line.trim();
  console.log(JSON.stringify({ mode }));
});

// The consent page: "deny" is the reader saying no.
server.service.on("beforeAuthorizeRedirect", ({ url }) => {
  if (mode === "deny") {
    url.searchParams.delete("code");
    url.searchParams.set("error", "access_denied");
  }
});

// Only the ID token carries an audience when the token is made.
server.service.on("beforeTokenSigning", (token) => {
  if (!("aud" in token.payload)) return;
  const claims = token.payload;
  claims.email = "grace@oidc.example";
  claims.email_verified = mode !== "unverified-email";
  claims.name = "Grace Hopper";
  if (mode === "wrong-nonce") claims.nonce = "a-nonce-from-another-sign-in";
  if (mode === "no-nonce") delete claims.nonce;
  if (mode === "wrong-audience") claims.aud = "another-application";
  if (mode === "wrong-issuer") claims.iss = "http://issuer.invalid";
  if (mode === "expired") {
    claims.iat -= 7200;
    claims.nbf -= 7200;
    claims.exp = claims.iat + 60;
  }
});

// The token endpoint's answer.
server.service.on("beforeResponse", (response) => {
  const body = response.body;
  if (mode === "token-error") {
    response.statusCode = 400;
    response.body = { error: "invalid_grant" };
  } else if (mode === "no-id-token") {
    delete body.id_token;
  } else if (mode === "tampered-id-token") {
    // Another subject in the payload, the original signature kept.
    const [header, payload, signature] = body.id_token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    claims.sub = "mallory";
    const forged = Buffer.from(JSON.stringify(claims)).toString("base64url");
    body.id_token = [header, forged, signature].join(".");
  }
});

await server.start(port, "127.0.0.1");
console.log(JSON.stringify({ issuer: server.issuer.url }));
