"""The blob store keeps original bytes by sha256, writes atomically and never overwrites."""

import hashlib

import pytest

from store.blobs import BlobStore


def test_put_returns_sha256_and_get_gives_the_bytes_back(tmp_path):
    blobs = BlobStore(tmp_path)
    data = b"%PDF-1.7 a joint forward plan"
    digest = blobs.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    assert blobs.get(digest) == data
    assert blobs.path(digest) == tmp_path / digest[:2] / digest[2:4] / digest


def test_same_bytes_twice_is_one_blob_and_the_first_is_untouched(tmp_path):
    blobs = BlobStore(tmp_path)
    digest = blobs.put(b"same")
    mtime = blobs.path(digest).stat().st_mtime_ns
    assert blobs.put(b"same") == digest
    assert blobs.path(digest).stat().st_mtime_ns == mtime
    assert list(blobs) == [digest]


def test_no_temporary_files_are_left_behind(tmp_path):
    blobs = BlobStore(tmp_path)
    for i in range(5):
        blobs.put(f"version {i}".encode())
    assert not [p for p in tmp_path.rglob(".incoming-*")]
    assert len(list(blobs)) == 5


def test_verify_finds_missing_and_corrupt_blobs(tmp_path):
    blobs = BlobStore(tmp_path)
    good, bad, gone = blobs.put(b"good"), blobs.put(b"bad"), blobs.put(b"gone")
    blobs.path(bad).write_bytes(b"tampered")
    blobs.path(gone).unlink()
    assert [blobs.verify(d) for d in (good, bad, gone)] == ["ok", "corrupt", "missing"]


def test_a_name_that_is_not_a_digest_is_refused(tmp_path):
    with pytest.raises(ValueError):
        BlobStore(tmp_path).path("../../etc/passwd")
