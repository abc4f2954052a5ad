-- Auth, version 2: session rotation keeps the time of sign-in; phase-token signing keys live here so
-- that every replica signs with and publishes the same keys; OIDC login attempts in flight.

ALTER TABLE sessions ADD COLUMN authenticated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  alg text NOT NULL DEFAULT 'ES256',
  public_jwk jsonb NOT NULL,
  private_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signing_keys_created_idx ON signing_keys (created_at DESC);

CREATE TABLE oidc_logins (
  state text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  return_to text NOT NULL DEFAULT '/',
  expires_at timestamptz NOT NULL
);
