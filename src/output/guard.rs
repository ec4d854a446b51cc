//! Where a build may write: a folder inside the site root that holds none
//! of its sources.
//!
//! Paths are compared as real paths (symbolic links and `..` resolved), so
//! no alias gets past: an output folder that is itself a link, a parent
//! that is one, or `content/` that is a link to the output. The output may
//! not be the root, nor be, contain or lie inside `content/`, `themes/`
//! (and each theme in it), `templates/`, `static/`, `.git`, `site.yaml`, or
//! anything a link in those folders leads to.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::fsguard::SiteFs;

/// Folders the output may never be, contain or be inside of, besides what links in them lead to.
const PROTECTED: [&str; 6] = ["content", "themes", "templates", "static", ".git", "site.yaml"];
/// The folders whose links lead to more sources.
const WALKED: [&str; 4] = ["content", "themes", "templates", "static"];

/// Checks that `out` (relative to `root`, or absolute) is a safe output
/// folder and returns its real path.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<PathBuf> {
    let fs = SiteFs::new(root).with_context(|| format!("cannot open the site root {}", root.display()))?;
    let root = fs.root();
    let shown = out.display();
    let joined = if out.is_absolute() { out.to_path_buf() } else { root.join(out) };
    let abs = real_path(&joined).with_context(|| format!("cannot use the output folder `{shown}`"))?;
    if !abs.starts_with(root) {
        bail!("the output folder `{shown}` is outside the site root {}; choose a folder inside it, such as `public`", root.display());
    }
    if abs == root {
        bail!("the output folder `{shown}` is the site root itself; choose a folder inside it, such as `public`");
    }
    for (what, real) in protected(&fs) {
        if abs.starts_with(&real) || real.starts_with(&abs) {
            let via = if abs != root.join(out) && !out.is_absolute() { format!(" (it is {})", abs.display()) } else { String::new() };
            // Through a link, say where the source really is: `content` that is a link into `public/` is why `public` is refused.
            let relation = if real == abs {
                format!("is {what}")
            } else if real.starts_with(&abs) {
                format!("holds {what} (at {})", real.display())
            } else {
                format!("lies inside {what}")
            };
            let instead = if out == Path::new("public") { "such as `site`" } else { "such as `public`" };
            bail!(
                "the output folder `{shown}`{via} {relation}, and a build would overwrite it; choose a folder that holds none of the site's sources, {instead}"
            );
        }
    }
    if abs.file_name().and_then(|n| n.to_str()).is_none_or(|n| n.starts_with('.')) {
        bail!("the output folder `{shown}` has no usable name; choose a folder such as `public`");
    }
    Ok(abs)
}

/// The real paths the output must keep clear of, each with how to name it.
fn protected(fs: &SiteFs) -> Vec<(String, PathBuf)> {
    let root = fs.root();
    let real = |rel: &Path| root.join(rel).canonicalize().ok();
    // A folder not there yet keeps its name: a source may be made there later.
    let mut out: Vec<(String, PathBuf)> =
        PROTECTED.iter().map(|p| (format!("`{p}`"), real(Path::new(p)).unwrap_or_else(|| root.join(p)))).collect();
    if let Ok(themes) = std::fs::read_dir(root.join("themes")) {
        for theme in themes.flatten() {
            let rel = Path::new("themes").join(theme.file_name());
            out.extend(real(&rel).map(|r| (format!("the theme `{}`", rel.display()), r)));
        }
    }
    for dir in WALKED {
        for reached in fs.reach(Path::new(dir)).reached {
            let shown = reached.strip_prefix(root).unwrap_or(&reached).display().to_string();
            out.push((format!("`{shown}`, which a link in `{dir}` leads to"), reached));
        }
    }
    out
}

/// `p` (absolute) with every symbolic link and `..` resolved, as far as
/// it exists; the part that does not exist yet is kept as written.
fn real_path(p: &Path) -> Result<PathBuf> {
    let mut real = PathBuf::new();
    for c in p.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => real.push(c),
            Component::CurDir => {}
            // `real` is a real path (or lies below one that does not exist yet): its parent is the physical one.
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => {
                let next = real.join(name);
                real = match next.canonicalize() {
                    Ok(r) => r,
                    Err(_) if std::fs::symlink_metadata(&next).is_ok_and(|m| m.file_type().is_symlink()) => {
                        let target = std::fs::read_link(&next).unwrap_or_default();
                        bail!("{} is a symbolic link to `{}`, which does not exist", next.display(), target.display())
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => next,
                    Err(e) => return Err(e).with_context(|| format!("cannot open {}", next.display())),
                };
            }
        }
    }
    Ok(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("content")).unwrap();
        d
    }

    #[test]
    fn refuses_the_root_content_and_outside() {
        let d = site();
        for bad in ["..", ".", "content", "content/x", "../elsewhere", "themes", "site.yaml/x"] {
            assert!(check_out_dir(d.path(), Path::new(bad)).is_err(), "{bad} should be refused");
        }
        assert!(check_out_dir(d.path(), Path::new("public")).is_ok());
        assert!(check_out_dir(d.path(), Path::new("build/site")).is_ok());
        assert!(check_out_dir(d.path(), Path::new("build/../public")).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_every_alias_of_a_source_folder() {
        use std::os::unix::fs::symlink;
        let d = site();
        let root = d.path();
        // The output folder itself a link to content; a parent that is a link to the root; `..` through a link.
        symlink("content", root.join("public")).unwrap();
        symlink(".", root.join("here")).unwrap();
        std::fs::create_dir_all(root.join("real/pages")).unwrap();
        symlink("real", root.join("alias")).unwrap();
        symlink("../real/pages", root.join("content/pages")).unwrap();
        std::fs::create_dir_all(root.join("themes/t")).unwrap();
        for bad in ["public", "here/content", "here/public/x", "content/pages/../..", "real", "real/pages", "alias/pages", "themes/t/out"] {
            let e = check_out_dir(root, Path::new(bad));
            assert!(e.is_err(), "{bad} should be refused");
        }
        assert!(check_out_dir(root, Path::new("here/site")).is_ok());
        assert_eq!(check_out_dir(root, Path::new("here/site")).unwrap(), root.canonicalize().unwrap().join("site"));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_content_that_is_a_link_to_the_output() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("public")).unwrap();
        std::os::unix::fs::symlink("public", d.path().join("content")).unwrap();
        let e = check_out_dir(d.path(), Path::new("public")).unwrap_err().to_string();
        assert!(e.contains("`content`") && e.contains("would overwrite"), "{e}");
    }
}
