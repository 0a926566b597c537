//! The compile-time rejection suite: every `ui-tests/fail` case must fail to compile with
//! exactly its `.stderr`, every `ui-tests/pass` case must compile and run.
//!
//! One test, so trybuild builds every case in one project (this machine has 2 cores). The
//! `.stderr` files belong to the installed rustc: a toolchain change fails here, loudly. To
//! regenerate them after a deliberate change, run
//! `TRYBUILD=overwrite cargo test -p schema-tests --test ui` and read every diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("../ui-tests/fail/**/*.rs");
    t.pass("../ui-tests/pass/**/*.rs");
}
