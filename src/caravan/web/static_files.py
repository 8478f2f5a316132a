"""Static files gzipped once per version of each file, in memory, instead of on every request.

The API's gzip layer (`caravan.web.encoded`) compresses every answer it sends, so
without this each request for d3 or the countries' shapes (756 KB) compressed
the file again. `CompressedStaticFiles` serves the directory as Starlette's
`StaticFiles` does — the same ETag, Last-Modified, 304 and Range handling, and
`caravan.web.conditional` adds the same Cache-Control — but to a client that
accepts gzip it sends the file's gzipped bytes, made the first time the file is
asked for and kept beside the file's version: its size and modification time,
the two its ETag is made from, so a tag always names the bytes sent under it and
an edited file is compressed again. An answer that says its encoding passes the
gzip layer as it is. Files the gzip layer would not compress (shorter than
`GZIP_MINIMUM_SIZE`, or of a type it leaves alone), ranges and clients that do
not accept gzip get what `StaticFiles` answers, as before.
"""

from __future__ import annotations

import os
import threading

import anyio.to_thread
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles

from caravan.web.encoded import GZIP_MINIMUM_SIZE, accepts_gzip, gzipped
from caravan.web.security import Scope

Version = tuple[int, int]
"""A file's version as its ETag reads it: modification time (ns) and size."""


def _compressible(media_type: str | None) -> bool:
    """Whether the gzip layer would compress an answer of this media type (its default exclusions)."""
    kind = (media_type or "").partition(";")[0].strip().lower()
    return kind not in DEFAULT_EXCLUDED_CONTENT_TYPES and kind.partition("/")[0] + "/*" not in (
        DEFAULT_EXCLUDED_CONTENT_TYPES
    )


class CompressedStaticFiles(StaticFiles):
    """`StaticFiles` that sends a gzip-accepting client each file gzipped once per version of the file."""

    def __init__(self, *, directory: str | os.PathLike[str]) -> None:
        super().__init__(directory=directory)
        self._gzipped: dict[str, tuple[Version, bytes]] = {}  # one version per file: an edit replaces it
        self._lock = threading.Lock()

    def gzipped_file(self, path: str, version: Version) -> bytes | None:
        """The file at `path` gzipped, if its bytes are still of `version` (else None: it changed meanwhile)."""
        with self._lock:
            held = self._gzipped.get(path)
        if held is not None and held[0] == version:
            return held[1]
        with open(path, "rb") as file:
            body = file.read()
            after = os.fstat(file.fileno())
        if (after.st_mtime_ns, after.st_size) != version:
            return None
        zipped = gzipped(body)
        with self._lock:
            self._gzipped[path] = (version, zipped)
        return zipped

    async def get_response(self, path: str, scope: Scope) -> Response:
        """What `StaticFiles` answers, or for a whole file to a gzip-accepting client, its gzipped bytes."""
        response = await super().get_response(path, scope)
        if (
            type(response) is not FileResponse
            or response.status_code != 200
            or response.stat_result is None
            or response.stat_result.st_size < GZIP_MINIMUM_SIZE
            or not _compressible(response.media_type)
            or not accepts_gzip(scope)
            or any(name == b"range" for name, _ in scope.get("headers", []))
        ):
            return response
        stat = response.stat_result
        zipped = await anyio.to_thread.run_sync(
            self.gzipped_file, os.fspath(response.path), (stat.st_mtime_ns, stat.st_size)
        )
        if zipped is None:
            return response
        headers = [(name, value) for name, value in response.raw_headers if name != b"content-length"]
        answer = Response(zipped, status_code=200)
        answer.raw_headers = [
            *headers,
            (b"content-length", str(len(zipped)).encode()),
            (b"content-encoding", b"gzip"),
            (b"vary", b"Accept-Encoding"),
        ]
        return answer
