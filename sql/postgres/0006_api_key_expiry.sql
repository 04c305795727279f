-- An API key may expire: after expires_at it is refused like a revoked key (NULL: never).
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS expires_at timestamptz;
