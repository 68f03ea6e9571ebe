"""chitieu's command line and web service (everything that is not analysis)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("chitieu")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.1.0"
