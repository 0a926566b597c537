//! Many databases at once (a database per tenant): 50 SQLite and 10 PostgreSQL databases,
//! two of them broken (a SQLite file in a directory that does not exist, a PostgreSQL
//! database whose `schema_migrations` is golang-migrate's). The others reach head, the two
//! are reported with their errors, and a second run does only what is left; `upgrade
//! --each FILE` says the same with its exit.

use schema_core::cli::{execute, CliError, Command, Global};
use schema_core::migrate::{Fleet, Migrator};
use schema_tests::{backends, Backend, TestDb};

use super::CHAIN;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fleet_run_migrates_the_rest_when_two_databases_are_broken() {
    let dir = std::env::temp_dir().join(format!("fleet_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut urls: Vec<String> = (0..50)
        .map(|i| format!("sqlite:{}", dir.join(format!("tenant_{i}.db")).display()))
        .collect();
    urls[17] = "sqlite:/nonexistent/directory/tenant.db".to_owned();
    let mut postgres = Vec::new();
    for backend in backends() {
        if let Backend::Postgres(_) = backend {
            for i in 0..10 {
                postgres.push(TestDb::create(&backend, &format!("fleet_{i}")).await);
            }
        }
    }
    if let Some(broken) = postgres.get(3) {
        broken
            .pool
            .execute("CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, dirty BOOLEAN NOT NULL)")
            .await
            .unwrap();
    }
    urls.extend(postgres.iter().map(|db| db.url.clone()));
    let broken: Vec<usize> = match postgres.len() {
        0 => vec![17],
        _ => vec![17, 53],
    };

    let m = Migrator::new(&CHAIN).unwrap();
    let result = schema_tests::catch_unwind(async {
        let first = Fleet::new(&m).jobs(8).upgrade(urls.clone(), "head").await;
        assert_eq!(first.results.len(), urls.len());
        for (i, r) in first.results.iter().enumerate() {
            if broken.contains(&i) {
                assert!(r.error.is_some(), "{i}: {r:?}");
                assert_eq!(r.to, None);
            } else {
                assert_eq!((r.from, r.to, r.error.as_deref()), (None, Some("003"), None), "{i}: {r:?}");
            }
        }
        let foreign = first.results.get(53).and_then(|r| r.error.clone());
        if let Some(e) = foreign {
            assert!(e.contains("not this crate's version table"), "{e}");
        }
        // Again: only what is left (nothing, here), and the two still fail.
        let second = Fleet::new(&m).jobs(8).upgrade(urls.clone(), "head").await;
        assert_eq!(second.failed().count(), broken.len());
        assert!(second
            .results
            .iter()
            .filter(|r| r.error.is_none())
            .all(|r| r.from == Some("003") && r.to == Some("003")));

        // The CLI: `upgrade --each FILE`, a non-zero exit naming the count.
        let file = dir.join("tenants.txt");
        std::fs::write(&file, format!("# tenants\n\n{}\n", urls.join("\n"))).unwrap();
        let global = Global {
            database_url: None,
            lock_wait: 5,
            lock_timeout_ms: 10_000,
            allow_data_loss: false,
            transaction_pooling: false,
            allow_ahead: false,
            json: false,
        };
        let upgrade = Command::Upgrade {
            target: "head".into(),
            verify: false,
            each: Some(file),
            jobs: 4,
        };
        let error = execute(&upgrade, &global, &CHAIN, None, None).await.unwrap_err();
        assert!(
            matches!(error, CliError::Fleet { failed, total } if failed == broken.len() && total == urls.len()),
            "{error}"
        );
    })
    .await;
    for db in postgres {
        db.destroy().await;
    }
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

/// A password in a URL appears in no error, no report line and no event: masked in the
/// URL's user part (even unescaped, with an `@` of its own) and as `?password=`.
#[tokio::test]
async fn a_password_in_a_url_never_shows() {
    const SECRET: &str = "S3cret@Pw";
    let Some(Backend::Postgres(admin)) = backends()
        .into_iter()
        .find(|b| matches!(b, Backend::Postgres(_)))
    else {
        return;
    };
    let db = TestDb::create(&Backend::Postgres(admin), "no_secret").await;
    let (base, name) = db.url.rsplit_once('/').unwrap();
    let host = base
        .trim_start_matches("postgres://")
        .rsplit('@')
        .next()
        .unwrap();
    let with_password = format!("postgres://postgres:{SECRET}@{host}/{name}");
    let unreachable = format!("postgres://postgres:{SECRET}@127.0.0.1:1/{name}");
    let as_parameter = format!("postgres://postgres@127.0.0.1:1/{name}?password={SECRET}");
    let m = Migrator::new(&CHAIN).unwrap();
    let mut seen = Vec::new();
    let at = m
        .upgrade(
            &with_password,
            "head",
            &mut |e: &schema_core::migrate::Event| seen.push(format!("{e:?}")),
        )
        .await;
    seen.push(format!("{at:?}"));
    for url in [&unreachable, &as_parameter] {
        let error = m.upgrade(url, "head", &mut |_| {}).await.unwrap_err();
        seen.push(error.to_string());
        seen.push(format!("{error:?}"));
    }
    let report = Fleet::new(&m)
        .upgrade(
            [
                unreachable.clone(),
                as_parameter.clone(),
                with_password.clone(),
            ],
            "head",
        )
        .await;
    for r in &report.results {
        seen.push(format!("{} {:?}", r.database, r.error));
    }
    db.destroy().await;
    assert_eq!(at.unwrap(), Some("003"));
    assert_eq!(report.failed().count(), 2);
    for line in &seen {
        assert!(
            !line.contains(SECRET) && !line.contains("S3cret") && !line.contains("Pw@"),
            "{line}"
        );
    }
    assert!(
        seen.iter().any(|l| l.contains("postgres:***@127.0.0.1:1")),
        "{seen:#?}"
    );
}
