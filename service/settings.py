"""Service settings, read from the environment (and an optional `.env` file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    data_dir: Path = Field(default=Path("./data"), validation_alias="CHITIEU_DATA_DIR")
    max_upload_mb: float = Field(default=50, gt=0, validation_alias="CHITIEU_MAX_UPLOAD_MB")
    # comma-separated in the environment: CHITIEU_API_KEYS=key1,key2
    api_keys: str | None = Field(default=None, validation_alias="CHITIEU_API_KEYS")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")

    @field_validator("api_keys")
    @classmethod
    def _blank_is_none(cls, v: str | None) -> str | None:
        return v if v and v.strip() else None

    @property
    def api_key_list(self) -> list[str]:
        return [k.strip() for k in (self.api_keys or "").split(",") if k.strip()]

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
