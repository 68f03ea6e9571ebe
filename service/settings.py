"""Service settings, read from the environment (and an optional `.env` file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    data_dir: Path = Field(default=Path("./data"), validation_alias="CHITIEU_DATA_DIR")
    max_upload_mb: float = Field(default=50, gt=0, validation_alias="CHITIEU_MAX_UPLOAD_MB")
    # comma-separated in the environment: CHITIEU_API_KEYS=key1,key2
    api_keys: str | None = Field(default=None, validation_alias="CHITIEU_API_KEYS")
    # when keys are set, reads (GET) need one too only if this is true
    api_keys_for_reads: bool = Field(default=False, validation_alias="CHITIEU_API_KEYS_FOR_READS")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    # comma-separated origins ("*" for any); empty means no CORS headers at all
    cors_origins: str | None = Field(default=None, validation_alias="CHITIEU_CORS_ORIGINS")
    # requests per minute and client address; 0 turns the limit off
    rate_limit_reads: int = Field(default=0, ge=0, validation_alias="CHITIEU_RATE_LIMIT_READS")
    rate_limit_writes: int = Field(default=120, ge=0, validation_alias="CHITIEU_RATE_LIMIT_WRITES")
    # analysis threads; the pipeline is CPU-bound and holds the GIL, so 1 is usually right
    workers: int = Field(default=1, ge=1, le=16, validation_alias="CHITIEU_WORKERS")
    # threads for the database reads of GET /targets (see `read_thread_count`); unset: 2 on SQLite, 8 otherwise
    read_threads: int | None = Field(default=None, ge=1, le=64, validation_alias="CHITIEU_READ_THREADS")

    @field_validator("api_keys", "cors_origins")
    @classmethod
    def _blank_is_none(cls, v: str | None) -> str | None:
        return v if v and v.strip() else None

    @property
    def api_key_list(self) -> list[str]:
        return _split(self.api_keys)

    @property
    def cors_origin_list(self) -> list[str]:
        return _split(self.cors_origins)

    @property
    def read_thread_count(self) -> int:
        """Python's sqlite3 hands the GIL back at every row it steps through, and a thread that wants it again
        waits for the others: with 16 reads in flight, 16 threads made each page cost 3-4 times its CPU.
        SQLite reads are CPU work in this process, so 2 threads keep both cores busy; a database server
        is waited for over the network, where more reads in flight help."""
        if self.read_threads:
            return self.read_threads
        return 2 if self.database.startswith("sqlite") else 8

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def database(self) -> str:
        """The SQLAlchemy URL: DATABASE_URL, else a SQLite file in the data folder."""
        if self.database_url:
            url = self.database_url
            # plain postgres URLs select psycopg 3, the driver installed
            for prefix in ("postgres://", "postgresql://"):
                if url.startswith(prefix):
                    return "postgresql+psycopg://" + url[len(prefix) :]
            return url
        return f"sqlite:///{(self.data_dir / 'chitieu.db').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
