"""Backups: one verified file `khooshe-<Jalali stamp>.kbk` holding the database and its attachments.

A backup is a zip (optionally encrypted as a whole, see services.backup.crypto) with:

* `khooshe.db`     the database's main file, stored (not deflated): the exact bytes of one
                   committed state, copied while a read transaction freezes the file after a WAL
                   checkpoint (models.sqlite_backup.frozen_snapshot), or, when it cannot be
                   frozen, a copy made with SQLite's online backup API;
* `files/ab/<sha>` every attachment blob referenced by any attachment row, deleted ones too;
* `manifest.json`  format, schema revision, created_at, per-table row counts, the database's
                   size and sha256 digests of its 4 MiB pieces, the attachments with hash and size.

Format 2 (this writer). Format 1 files (deflated database, per-table row checksums, a
whole-file seal, integrity_check on every read) are still read and restored as before.

The zip comment seals the file: a sha256 over every byte outside the database member plus the
root of the database's digests, so a flipped byte anywhere (even in zip fields no reader checks)
is caught, and checking it needs no second pass over the database.

Everything is written to a temp file in the backup folder: the kernel copies the database into
it (copy_file_range: no byte through Python), the disk starts writing it, and one pass on both
cores reads the copy back, compares each 4 MiB piece with the source and hashes it (sha256 and
the zip's CRC-32) — the digests recorded are those of the stored bytes, found equal to the
source's; the rest of the archive is read back and checked while the file is fsynced, and only
then is it renamed to its final name: a `.kbk` file either exists whole and verified, or not at
all.

Format 3 is only made by a restore, as the safety backup of the database it replaces: that file
itself, byte for byte from offset 0, with a zip of its attachments and manifest appended after
it (services.backup.keep), so keeping it costs a link and a read, not a copy.

Restore verifies first and refuses before touching anything: the database is copied out of
the archive by the kernel, and that copy — the file that will take the database's name — is
checked (its digests on the pool while quick_check reads its pages beside them, the disk writing
it meanwhile; then seal, revision, row counts; format 1: integrity_check); then it keeps the current database
(format 3; a copied format-2 backup on another file system or with a password), restores
attachments (content-addressed: existing blobs are kept), checkpoints the old database
and removes its WAL (so it can never be replayed onto the new file) and swaps the verified copy
in with one atomic rename.

The package, by job: `archive` writes, `verify` checks, `restore` puts a backup in place,
`listing` and `retention` look after the folder; `zipdir` (the hand-written zip records), `crc`
(CRC-32 combine) and `seal` (the zip-comment seal) are the three pieces of the format written by
hand, each with its own tests; `crypto` encrypts a whole file. The rest of the code imports only
this module.
"""

from __future__ import annotations

from services.backup.archive import create_backup
from services.backup.chunks import HASH_CHUNK
from services.backup.common import (
    BACKUP_SUFFIX,
    DATABASE_UNCHANGED,
    BackupInfo,
    default_backup_dir,
    files_dir_for,
    stamp_of,
)
from services.backup.crypto import (
    WRONG_PASSWORD,
    BackupError,
    decrypt_file,
    encrypt_file,
    is_encrypted,
)
from services.backup.digests import database_id_of_file, table_digests
from services.backup.listing import belongs_to, list_backups
from services.backup.restore import move_aside, restore_backup
from services.backup.retention import apply_retention
from services.backup.verify import verify_backup

__all__ = ["BACKUP_SUFFIX", "DATABASE_UNCHANGED", "HASH_CHUNK", "WRONG_PASSWORD", "BackupError", "BackupInfo",
           "apply_retention", "belongs_to", "create_backup", "database_id_of_file",
           "decrypt_file", "default_backup_dir",
           "encrypt_file", "files_dir_for", "is_encrypted", "list_backups", "move_aside",
           "restore_backup", "stamp_of", "table_digests", "verify_backup"]
