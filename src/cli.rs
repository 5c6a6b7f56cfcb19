//! Command-line definitions (clap). `main.rs` turns these raw arguments into
//! the resolved options each command takes.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    about = "Static-site generator for Project Management Offices"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Validate the site without writing anything.
    Check(CheckArgs),
    /// Build, serve on 127.0.0.1 and rebuild on every save (live preview).
    Serve(ServeArgs),
    /// Create a new site that builds at once.
    Init {
        /// Folder to create the site in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Language of the sample content and the UI.
        #[arg(long, default_value = "en", value_parser = ["en", "zh-CN"])]
        lang: String,
    },
    /// Write a new page (or project file) with its front matter and print its path.
    New {
        kind: NewKind,
        /// Title of the page, or id of the project.
        title: String,
        /// The course a new module belongs to (folder name under content/training/).
        #[arg(long)]
        course: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Root folder of the site (where folio.yaml is).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on; when it is taken, the next ones are tried. 0: any free port.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Anything but a loopback address exposes the preview to the network.
    #[arg(long)]
    pub bind: Option<std::net::IpAddr>,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Build only what this audience may see (default: default_audience in folio.yaml).
    #[arg(long)]
    pub audience: Option<String>,
    /// Compute every figure as of this date, YYYY-MM-DD [default: as_of in folio.yaml, else today].
    #[arg(long)]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NewKind {
    Lesson,
    Case,
    Course,
    Module,
    Project,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Root folder of the site (where folio.yaml is).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output folder [default: public/ inside the root].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Absolute URL the site is published at; used only for sitemap and canonical links.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Build only what this audience may see (default: default_audience in folio.yaml).
    #[arg(long)]
    pub audience: Option<String>,
    /// Compute every figure as of this date, YYYY-MM-DD [default: as_of in folio.yaml, else today].
    #[arg(long)]
    pub as_of: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Treat warnings (such as broken links) as errors.
    #[arg(long)]
    pub strict: bool,
    /// Print errors only.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    #[arg(long)]
    pub as_of: Option<String>,
    #[arg(long)]
    pub audience: Option<String>,
    /// Treat warnings as errors (exit 1 when there is any).
    #[arg(long)]
    pub strict: bool,
    /// Print every rule with its default severity and what it checks, and exit.
    #[arg(long, conflicts_with = "explain")]
    pub list: bool,
    /// Say why rule ID matters and how to fix what it finds, and exit.
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
}
