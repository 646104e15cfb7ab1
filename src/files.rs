//! Files that hold secrets or customer data: created readable by their owner only.

use std::path::Path;

/// Creates `path` if missing with mode 0600, and narrows an existing one (with the `-wal`
/// and `-shm` files SQLite keeps beside a database, which take the database's mode) to that.
pub fn private_sqlite(path: &Path, what: &str) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        }
        let open = std::fs::OpenOptions::new().create(true).append(true).mode(0o600).open(path);
        open.map_err(|e| anyhow::anyhow!("cannot open the {what} {}: {e}", path.display()))?;
        for suffix in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let file = Path::new(&name);
            if let Ok(meta) = std::fs::metadata(file)
                && meta.permissions().mode() & 0o077 != 0
            {
                std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (path, what);
    Ok(())
}
