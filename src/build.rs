//! The pipeline shared by `build`, `check` and the incremental
//! [`Session`](crate::incremental::Session): prepare (folio.yaml, theme,
//! options) → read → model → compute ([`Figures`](crate::metrics::Figures))
//! → render, producing an in-memory output tree and every diagnostic of the
//! run. Writing to disk is the caller's last step.

use std::collections::HashSet;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::config::Config;
use crate::error::{Diagnostics, Error};
use crate::metrics::Figures;
use crate::model::Site;
use crate::model::site::{Selection, SiteParts};
use crate::output::OutputTree;
use crate::render;
use crate::theme::Theme;

/// Resolved options of one build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub base_url: Option<String>,
    /// The as-of date D; `None` means "from folio.yaml, else the caller's today".
    pub as_of: Option<Date>,
    pub today: Date,
    pub audience: Option<String>,
    pub drafts: bool,
}

/// The result of compiling a site in memory.
pub struct Compiled {
    pub site: Site,
    /// Every figure of the build, computed once after `Site::assemble`.
    pub figures: Figures,
    pub tree: OutputTree,
    pub diagnostics: Diagnostics,
}

/// What every build needs before it reads the site: the configuration,
/// the selection (as-of date, audience, drafts) and the theme.
pub struct Prepared {
    pub config: Config,
    pub selection: Selection,
    /// `None` when folio.yaml or the theme failed (see `diagnostics`).
    pub theme: Option<Theme>,
    /// folio.yaml could not be read: nothing else is.
    pub config_failed: bool,
    pub diagnostics: Diagnostics,
}

/// Reads `folio.yaml` and the theme and resolves the options against them.
/// Content errors come back in `diagnostics`; only usage and environment
/// problems are `Err`.
pub fn prepare(opts: &BuildOptions) -> Result<Prepared, Error> {
    let mut config = match crate::source::read_config(&opts.root) {
        Ok(c) => c,
        Err(Error::Content(d)) => {
            let selection = Selection {
                as_of: opts.as_of.unwrap_or(opts.today),
                audience: Config::default().default_audience().to_string(),
                drafts: false,
            };
            return Ok(Prepared {
                config: Config::default(),
                selection,
                theme: None,
                config_failed: true,
                diagnostics: d,
            });
        }
        Err(e) => return Err(e),
    };
    if let Some(url) = &opts.base_url {
        config.base_url = Some(if url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        });
    }
    let audience = match &opts.audience {
        Some(a) if config.audience_rank(a).is_none() => {
            return Err(Error::Usage(format!(
                "unknown audience `{a}`; folio.yaml lists: {}",
                config.audiences.join(", ")
            )));
        }
        Some(a) => a.clone(),
        None => config.default_audience().to_string(),
    };
    let as_of = opts.as_of.or(config.as_of).unwrap_or(opts.today);
    if !crate::model::dates::plausible(as_of) {
        return Err(Error::Usage(format!(
            "the as-of date {as_of} is outside 1900–2200; check --as-of or `as_of` in folio.yaml"
        )));
    }
    let selection = Selection {
        as_of,
        audience,
        drafts: opts.drafts,
    };
    let mut diagnostics = Diagnostics::default();
    let theme = match Theme::load(&opts.root, &config.theme) {
        Ok(t) => Some(t),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    Ok(Prepared {
        config,
        selection,
        theme,
        config_failed: false,
        diagnostics,
    })
}

/// Reads the site under `opts.root` and renders it. Content errors come back
/// in `diagnostics` (and the tree is then incomplete); only usage and
/// environment problems are `Err`.
pub fn compile(opts: &BuildOptions) -> Result<Compiled, Error> {
    let Prepared {
        config,
        selection,
        theme,
        config_failed,
        mut diagnostics,
    } = prepare(opts)?;
    if config_failed {
        return Ok(failed(config, opts, diagnostics));
    }
    let (parts, read_diags) = crate::source::read_site(&opts.root, &config);
    diagnostics.extend(read_diags.0);
    let all_page_files: HashSet<String> = parts.pages.iter().map(|p| p.file.clone()).collect();
    // Reading errors leave holes that would be reported again by every
    // later stage; the model's and the rules' errors do not: the site is
    // rendered anyway, so one run reports everything (broken links too).
    let read_failed = diagnostics.has_errors();
    let (site, model_diags) = Site::assemble(config, parts, &selection);
    diagnostics.extend(model_diags.0);
    let figures = Figures::compute(&site);
    diagnostics.extend(figures.findings.iter().cloned());
    let mut tree = OutputTree::default();
    if !read_failed && let Some(theme) = theme {
        let (t, render_diags) =
            render::render_site(&site, &figures, &theme, &opts.root, &all_page_files);
        tree = t;
        diagnostics.extend(render_diags.0);
    }
    crate::governance::apply_overrides(&site.config.rules, &mut diagnostics.0);
    diagnostics.sort();
    Ok(Compiled {
        site,
        figures,
        tree,
        diagnostics,
    })
}

fn failed(config: Config, opts: &BuildOptions, diagnostics: Diagnostics) -> Compiled {
    let sel = Selection {
        as_of: opts.as_of.unwrap_or(opts.today),
        audience: config.default_audience().to_string(),
        drafts: false,
    };
    let (site, _) = Site::assemble(config, SiteParts::default(), &sel);
    Compiled {
        site,
        figures: Figures::default(),
        tree: OutputTree::default(),
        diagnostics,
    }
}
