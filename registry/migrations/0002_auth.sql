-- Auth, version 2: session rotation keeps the time of sign-in; phase-token signing keys live here so
-- that every replica signs with and publishes the same keys; OIDC login attempts in flight.

ALTER TABLE sessions ADD COLUMN authenticated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  alg text NOT NULL DEFAULT 'ES256',
  public_jwk jsonb NOT NULL,
  private_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Published from creation, used for signing only from here: verifiers learn a key before any
  -- token needs it, so a rotation never refuses a valid token.
  activates_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signing_keys_activates_idx ON signing_keys (activates_at DESC);

CREATE TABLE oidc_logins (
  state text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  return_to text NOT NULL DEFAULT '/',
  expires_at timestamptz NOT NULL
);
