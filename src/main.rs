//! The `folio` binary: parse arguments, run the command, map errors to exit codes
//! (0 success, 1 content errors, 2 usage or environment errors).

use std::process::ExitCode;

use clap::Parser;

use folio::build::BuildOptions;
use folio::cli::{Cli, Command};
use folio::cmd;
use folio::error::Error;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !matches!(e, Error::Content(_)) {
                eprintln!("error: {e}");
            }
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build(args) => {
            let output = args
                .output
                .clone()
                .unwrap_or_else(|| args.root.join("public"));
            let command = cmd::build::BuildCommand {
                options: BuildOptions {
                    root: args.root.clone(),
                    base_url: args.base_url.clone(),
                    as_of: cmd::parse_date("--as-of", args.as_of.as_deref())?,
                    today: cmd::today(),
                    audience: args.audience.clone(),
                    drafts: args.drafts,
                },
                output,
                strict: args.strict,
                quiet: args.quiet,
            };
            cmd::build::run(&command).map(|_| ())
        }
        Command::Check(args) => {
            if args.list {
                print!("{}", cmd::check::list());
                return Ok(());
            }
            if let Some(id) = &args.explain {
                print!("{}", cmd::check::explain(id)?);
                return Ok(());
            }
            let options = BuildOptions {
                root: args.root.clone(),
                base_url: None,
                as_of: cmd::parse_date("--as-of", args.as_of.as_deref())?,
                today: cmd::today(),
                audience: args.audience.clone(),
                drafts: false,
            };
            cmd::check::run(&options, args.format, args.strict)
        }
        Command::Serve(args) => folio::serve::run(folio::serve::ServeOptions {
            build: BuildOptions {
                root: args.root.clone(),
                base_url: None,
                as_of: cmd::parse_date("--as-of", args.as_of.as_deref())?,
                today: cmd::today(),
                audience: args.audience.clone(),
                drafts: args.drafts,
            },
            bind: args
                .bind
                .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)),
            bind_given: args.bind.is_some(),
            port: args.port,
            open: args.open,
        }),
        Command::Init { dir, lang } => cmd::init::run(&dir, &lang),
        Command::New {
            kind,
            title,
            course,
            root,
        } => {
            let path = cmd::new::run(&root, kind, &title, course.as_deref(), cmd::today())?;
            println!("{}", path.display());
            Ok(())
        }
    }
}
