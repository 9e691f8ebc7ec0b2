"""Settings from MELDPUNT_* environment variables (pydantic-settings), with embedded defaults."""

from functools import lru_cache
from ipaddress import ip_address, ip_network
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from standardwebhooks import Webhook


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MELDPUNT_", env_file=".env", extra="ignore")

    language: Literal["nl", "en"] = Field(
        default="nl", description="The language of what people read (config/texts/)"
    )
    database_url: str = Field(
        default="sqlite:///./var/meldpunt.db",
        description="SQLAlchemy URL; sqlite:///... embedded, postgresql+psycopg://... production",
    )
    broker_url: str | None = Field(
        default=None, description="amqp://... to publish events through RabbitMQ; none: in-process"
    )
    data_keys: SecretStr | None = Field(
        default=None,
        description="Comma-separated Fernet keys for data at rest; the first encrypts, all decrypt",
    )
    subject_key: SecretStr | None = Field(
        default=None,
        description="Secret for the keyed hash that recognises a person across reports; keep "
        "it stable (changing it breaks matching until keys are recomputed)",
    )
    subject_key_file: Path = Field(
        default=Path("./var/meldpunt.subject.key"),
        description="Where the embedded mode keeps its generated subject key",
    )
    key_file: Path = Field(
        default=Path("./var/meldpunt.key"),
        description="Where the embedded mode keeps its generated key when data_keys is unset",
    )
    log_level: str = "INFO"
    log_json: bool | None = Field(default=None, description="JSON logs; default: when not a tty")
    dispatch_interval_seconds: float = Field(default=0.5, gt=0)
    dispatch_batch_size: int = Field(default=100, gt=0, le=10_000)
    max_attempts: int = Field(default=5, ge=1, le=100)
    retry_backoff_seconds: float = Field(default=2.0, ge=0)
    # PostgreSQL connection pool, per process (see docs/operations.md): at most
    # pool_size + max_overflow connections; a caller waits pool_timeout for a free one.
    db_pool_size: int = Field(default=5, ge=1)
    db_max_overflow: int = Field(default=10, ge=0)
    db_pool_timeout_seconds: float = Field(default=30, gt=0)
    # A pooled connection idle longer than this is pinged before use (0: always ping).
    db_ping_after_idle_seconds: float = Field(default=0.5, ge=0)
    # Production mode (broker_url set): topology, relay and worker. See docs/operations.md.
    broker_exchange: str = Field(default="meldpunt.events", description="durable topic exchange")
    broker_dead_letter_exchange: str = "meldpunt.events.dead"
    broker_queue: str = Field(default="meldpunt.handlers", description="the workers' quorum queue")
    broker_dead_letter_queue: str = "meldpunt.handlers.dead"
    broker_prefetch: int = Field(default=50, ge=1, le=10_000)
    broker_delivery_limit: int = Field(
        default=10, ge=1, description="deliveries of one message before it is dead-lettered"
    )
    relay_batch_size: int = Field(default=100, gt=0, le=10_000)
    relay_interval_seconds: float = Field(default=0.2, gt=0, description="idle poll interval")
    relay_max_backoff_seconds: float = Field(default=30, gt=0)
    publish_max_retries: int = Field(default=3, ge=0, description="kombu retry_policy max_retries")
    publish_retry_interval_seconds: float = Field(default=0.5, ge=0)
    publish_confirm_timeout_seconds: float = Field(default=10, gt=0)
    # Partners (see docs/partners.md).
    public_base_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Where the service is reached: partners fetch details there (resourceUrl of "
        "thin notifications), and the API's `next` links start with it",
    )
    partner_webhooks: dict[str, str] = Field(
        default_factory=dict,
        description='JSON map of partner to webhook URL: {"local_team": "https://..."}',
    )
    partner_webhook_secrets: dict[str, SecretStr] = Field(
        default_factory=dict,
        description="JSON map of partner to the secret its webhook messages are signed with "
        '(Standard Webhooks, "whsec_" and base64): {"local_team": "whsec_..."}; a webhook '
        "partner without one is not sent anything",
    )
    partners_required: bool = Field(
        default=False,
        description="refuse to start while a partner with subscriptions has no channel in this "
        "mode (production); unset, such a partner is named once at start and its disclosures wait",
    )
    disclosure_stuck_minutes: int = Field(
        default=60,
        ge=1,
        description="a disclosure still pending this long is stuck: the team lead is told once",
    )
    partner_delivery_max_attempts: int = Field(default=8, ge=1, le=100)
    partner_delivery_backoff_seconds: float = Field(default=5, ge=0)
    partner_webhook_timeout_seconds: float = Field(default=10, gt=0)
    partner_exchange: str = Field(default="meldpunt.partners", description="inbound, topic")
    partner_queue: str = "meldpunt.partners.inbound"
    disclosures_exchange: str = Field(
        default="meldpunt.disclosures", description="outbound to partners, topic"
    )
    # The scheduler (see docs/scheduler.md): how often a waiting process tries to become leader,
    # and so how soon it takes over when the leader dies.
    scheduler_leader_poll_seconds: float = Field(default=5, gt=0, le=300)
    scheduler_misfire_grace_seconds: int = Field(default=3600, ge=1)
    # E-mail of stored notifications (see docs/scheduler.md); off while smtp_host is unset.
    # The mail says only that something waits, and for which case: never a name or a detail.
    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_starttls: bool = False
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str = "meldpunt@localhost"
    mail_addresses: dict[str, str] = Field(
        default_factory=dict,
        description='JSON map of user or role to address: {"anna": "anna@example.org"}',
    )
    # The HTTP API (see docs/api.md). OIDC is on when issuer and JWKS URL are set, and then
    # the audience must be too.
    api_token_days: int = Field(default=30, ge=1, le=366)
    api_small_cell: int = Field(default=5, ge=1, description="counts below this are suppressed")
    # Who answers questions about the API, in its OpenAPI document (NL API Design Rules).
    api_contact_name: str = "Meldpunt Loverboyproblematiek / Mensenhandel"
    api_contact_email: str = Field(
        default="api@meldpunt.example", description="set it to your service desk's address"
    )
    api_contact_url: str = Field(
        default="http://127.0.0.1:8000/api/v1/docs", description="where the API is explained"
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description="JSON list of the web origins that may call the API from a browser: "
        '["https://portaal.example.nl"]; none: no cross-origin calls',
    )
    api_auth_failures_per_minute: int = Field(
        default=10,
        ge=1,
        description="failed authentications a source may make in a minute; past it, 429",
    )
    partner_signals_per_minute: int = Field(
        default=60,
        ge=1,
        description="partner events a partner token may send in a moving minute; past it, 429 "
        "and the team lead is told once per window (docs/partners.md)",
    )
    api_local_tokens: bool = Field(
        default=True,
        description="our own mp_ tokens are accepted (and issued); off: OIDC only",
    )
    api_trusted_proxies: list[str] = Field(
        default_factory=list,
        description='JSON list of the proxies (addresses or networks: ["10.0.0.0/24"]) whose '
        "X-Forwarded-For and X-On-Behalf-Of are believed; from anyone else they are not",
    )
    api_max_body_bytes: int = Field(
        default=1_048_576,
        ge=1024,
        description="a request body (or a line of `partner ingest`) larger than this is refused",
    )
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    oidc_jwks_url: str | None = None
    oidc_roles_claim: str = Field(default="roles", description="a dotted path: realm_access.roles")
    oidc_username_claim: str = "preferred_username"
    oidc_team_claim: str = "team"
    # Running in production (docs/operations.md, "Health, heartbeats and metrics").
    heartbeat_dir: Path = Field(
        default=Path("./var/heartbeats"),
        description="where every process writes its heartbeat for `meldpunt status`; one "
        "directory shared by all processes (a volume in compose)",
    )
    heartbeat_interval_seconds: float = Field(default=5, gt=0, le=300)
    health_timeout_seconds: float = Field(
        default=3, gt=0, description="how long /health/ready waits for the database or broker"
    )
    smtp_implicit_tls: bool = Field(
        default=False, description="TLS from the first byte (port 465) instead of STARTTLS"
    )
    smtp_ca_file: Path | None = Field(
        default=None,
        description="certificates (PEM) to trust for the mail server; default: the system's",
    )
    # The web application for people (docs/ui.md).
    web_idle_minutes: int = Field(default=15, ge=1, le=480, description="idle sign-out")
    web_oidc_client_id: str | None = Field(default=None, description="sign-in with the issuer")
    web_oidc_client_secret: SecretStr | None = None
    web_page_size: int = Field(default=20, ge=5, le=100, description="cases per worklist page")
    # The access log's signed checkpoints (docs/privacy.md, "The access log's checkpoints").
    access_checkpoint_key_file: Path = Field(
        default=Path("./var/meldpunt.checkpoint.key"),
        description="The HMAC key that signs the access log's checkpoints; generated once, kept "
        "outside the database (beside the data keys, not in a backup of the database)",
    )
    access_checkpoint_file: Path = Field(
        default=Path("./var/meldpunt.checkpoints.jsonl"),
        description="Where the signed checkpoints of the access log are appended, one JSON line "
        "each; `meldpunt accesslog verify` checks the log against the latest",
    )
    # Break-the-glass (docs/privacy.md): how long one stated reason opens a case for a person.
    break_glass_hours: int = Field(default=24, ge=1, le=168, description="grant lifetime")

    @field_validator(
        "broker_url",
        "smtp_host",
        "smtp_username",
        "oidc_issuer",
        "oidc_audience",
        "oidc_jwks_url",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        # `MELDPUNT_BROKER_URL=` in a shell or an env file means "none", not an empty URL
        # that kombu would read as guest@localhost.
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _one_way_in(self) -> "Settings":
        oidc = (self.oidc_issuer, self.oidc_jwks_url)
        if any(oidc) and not all(oidc):
            raise ValueError("MELDPUNT_OIDC_ISSUER and MELDPUNT_OIDC_JWKS_URL go together")
        if all(oidc) and not self.oidc_audience:
            # Without it, a token the issuer made for any other application would let one in.
            raise ValueError("MELDPUNT_OIDC_AUDIENCE is required when OIDC is on")
        if not self.api_local_tokens and not all(oidc):
            raise ValueError("MELDPUNT_API_LOCAL_TOKENS=false needs OIDC (MELDPUNT_OIDC_*)")
        return self

    @model_validator(mode="after")
    def _mail_over_tls(self) -> "Settings":
        # Mail names a case that waits: outside this machine it travels encrypted only.
        if self.smtp_starttls and self.smtp_implicit_tls:
            raise ValueError("MELDPUNT_SMTP_STARTTLS and MELDPUNT_SMTP_IMPLICIT_TLS: one, not both")
        tls = self.smtp_starttls or self.smtp_implicit_tls
        if self.smtp_host is not None and not tls and not loopback(self.smtp_host):
            raise ValueError(
                "MELDPUNT_SMTP_HOST is not this machine: set MELDPUNT_SMTP_STARTTLS=true or "
                "MELDPUNT_SMTP_IMPLICIT_TLS=true (mail is not sent in the clear)"
            )
        return self

    @field_validator("partner_webhooks")
    @classmethod
    def _webhooks_over_https(cls, hooks: dict[str, str]) -> dict[str, str]:
        # Disclosures about minors travel only encrypted; plain http only to this machine.
        for partner, url in hooks.items():
            parsed = urlsplit(url)
            if parsed.scheme != "https" and not (
                parsed.scheme == "http" and loopback(parsed.hostname or "")
            ):
                raise ValueError(f"{partner}: https is required (http only on loopback)")
        return hooks

    @field_validator("partner_webhook_secrets")
    @classmethod
    def _secrets_decode(cls, secrets: dict[str, SecretStr]) -> dict[str, SecretStr]:
        for partner, secret in secrets.items():
            try:
                Webhook(secret.get_secret_value())
            except Exception:  # binascii.Error, or an empty secret
                raise ValueError(f"{partner}: not a webhook secret (whsec_ and base64)") from None
        return secrets

    @field_validator("api_trusted_proxies")
    @classmethod
    def _proxies_are_addresses(cls, proxies: list[str]) -> list[str]:
        for proxy in proxies:
            ip_network(proxy.strip(), strict=False)  # a ValueError names the wrong one
        return proxies


def loopback(host: str) -> bool:
    """Whether `host` is this machine (localhost or a loopback address)."""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


@lru_cache
def get_settings() -> Settings:
    return Settings()
