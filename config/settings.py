"""Settings from MELDPUNT_* environment variables (pydantic-settings), with embedded defaults."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MELDPUNT_", env_file=".env", extra="ignore")

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
    db_pool_size: int = Field(default=5, ge=1)
    db_max_overflow: int = Field(default=10, ge=0)
    db_pool_timeout_seconds: float = Field(default=30, gt=0)


@lru_cache
def get_settings() -> Settings:
    return Settings()
