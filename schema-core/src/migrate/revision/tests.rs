//! The chain's checks and orders, without a database.

use super::*;
use crate::migrate::MigrateError;
use crate::model::Step;

const fn rev(id: &'static str, parent: Option<&'static str>) -> Revision {
    Revision {
        id,
        parent,
        message: "",
        up: &[],
        down: &[],
    }
}

fn ids(chain: &Chain) -> Vec<&'static str> {
    chain.revisions().iter().map(|r| r.id).collect()
}

#[test]
fn orders_a_shuffled_chain() {
    static R: [Revision; 3] = [
        rev("003", Some("002")),
        rev("001", None),
        rev("002", Some("001")),
    ];
    let chain = Chain::new(&R).map_err(|e| e.to_string());
    let ids: Vec<&str> = chain
        .iter()
        .flat_map(|c| c.revisions().iter().map(|r| r.id))
        .collect();
    assert_eq!(ids, ["001", "002", "003"]);
}

#[test]
fn names_what_is_broken() {
    static DUP: [Revision; 2] = [rev("001", None), rev("001", None)];
    assert_eq!(
        Chain::new(&DUP).err(),
        Some(ChainError::DuplicateId("001".into()))
    );
    static MISSING: [Revision; 2] = [rev("001", None), rev("003", Some("002"))];
    assert_eq!(
        Chain::new(&MISSING).err(),
        Some(ChainError::MissingParent {
            revision: "003".into(),
            parent: "002".into()
        })
    );
    static FORK: [Revision; 3] = [
        rev("001", None),
        rev("002a", Some("001")),
        rev("002b", Some("001")),
    ];
    let fork = Chain::new(&FORK).err();
    assert_eq!(
        fork,
        Some(ChainError::SeveralHeads {
            heads: vec!["002a".into(), "002b".into()]
        })
    );
    assert!(fork.unwrap().to_string().contains("revision --merge"));
    static TWO_BASES: [Revision; 2] = [rev("001", None), rev("x", None)];
    assert_eq!(
        Chain::new(&TWO_BASES).err(),
        Some(ChainError::SeveralBases(vec!["001".into(), "x".into()]))
    );
    static CYCLE: [Revision; 3] = [rev("001", None), rev("a", Some("b")), rev("b", Some("a"))];
    assert_eq!(
        Chain::new(&CYCLE).err(),
        Some(ChainError::Cycle(vec!["a".into(), "b".into()]))
    );
    static PLUS: [Revision; 1] = [rev("0+1", None)];
    assert_eq!(
        Chain::new(&PLUS).err(),
        Some(ChainError::BadId("0+1".into()))
    );
    assert_eq!(Chain::new(&[]).err(), Some(ChainError::Empty));
}

static MERGED: [Revision; 6] = [
    rev("001", None),
    rev("002", Some("001")),
    rev("003b", Some("002")),
    rev("003a", Some("002")),
    rev("004a", Some("003a")),
    rev("005", Some("004a+003b")),
];

#[test]
fn a_merge_runs_each_branch_in_turn_first_parent_first() {
    let chain = Chain::new(&MERGED).unwrap();
    assert_eq!(ids(&chain), ["001", "002", "003a", "004a", "003b", "005"]);
    assert!(!chain.is_linear());
    assert_eq!(heads(&MERGED), ["005"]);
    assert_eq!(heads(&MERGED[..5]), ["003b", "004a"]);
}

#[test]
fn the_order_puts_what_is_applied_first_then_what_the_verb_reaches() {
    let chain = Chain::new(&MERGED).unwrap();
    // Applied on the other branch first: still a prefix.
    let on_b = ["001", "002", "003b"];
    let up = chain.arranged(&on_b, Toward::Up("head")).unwrap();
    assert_eq!(ids(&up), ["001", "002", "003b", "003a", "004a", "005"]);
    assert_eq!(chain.applied_heads(&on_b), ["003b"]);
    // Up to a revision on one branch reaches its ancestors only.
    let to_a = chain.arranged(&["001"], Toward::Up("003a")).unwrap();
    assert_eq!(ids(&to_a)[..3], ["001", "002", "003a"]);
    // Down to before the fork: what stays first.
    let all = ["001", "002", "003a", "004a", "003b", "005"];
    let down = chain.arranged(&all, Toward::Down("002")).unwrap();
    assert_eq!(ids(&down), ["001", "002", "003a", "004a", "003b", "005"]);
    let down_a = chain.arranged(&all, Toward::Down("003b")).unwrap();
    assert_eq!(ids(&down_a), ["001", "002", "003b", "003a", "004a", "005"]);
    assert_eq!(
        chain.applied_heads(&["001", "002", "003a", "003b"]),
        ["003a", "003b"]
    );
    // A revision applied without its parent.
    let gap = chain
        .arranged(&["001", "004a"], Toward::Applied)
        .unwrap_err();
    assert!(
        matches!(&gap, MigrateError::Inconsistent { missing, later } if missing == "003a" && later == "004a"),
        "{gap}"
    );
}

static SQUASH_UP: [Step; 1] = [Step::Squashes { through: "002" }];
static SQUASHED: [Revision; 4] = [
    rev("001", None),
    rev("002", Some("001")),
    rev("003", Some("002")),
    Revision {
        id: "002_squash",
        up: &SQUASH_UP,
        ..rev("002_squash", None)
    },
];

#[test]
fn a_squash_starts_new_databases_and_leaves_old_ones_on_their_path() {
    let chain = Chain::new(&SQUASHED).unwrap();
    assert_eq!(ids(&chain), ["002_squash", "003"]);
    assert_eq!(chain.parents_of(&SQUASHED[2]), ["002_squash"]);
    assert_eq!(chain.every_revision().len(), 4);
    let old = chain.arranged(&["001"], Toward::Up("head")).unwrap();
    assert_eq!(ids(&old), ["001", "002", "003"]);
    let new = chain.arranged(&["002_squash"], Toward::Applied).unwrap();
    assert_eq!(ids(&new), ["002_squash", "003"]);
    let stamped = chain.arranged(&["001"], Toward::Stamp("head")).unwrap();
    assert_eq!(ids(&stamped), ["002_squash", "003"]);
    assert!(chain
        .arranged(&["001", "002_squash"], Toward::Applied)
        .is_err());
    static BAD: [Revision; 4] = [
        rev("001", None),
        rev("002", Some("001")),
        rev("003", Some("002+001")),
        Revision {
            id: "s",
            up: &SQUASH_UP,
            ..rev("s", None)
        },
    ];
    let bad = Chain::new(&BAD).unwrap_err();
    assert!(
        matches!(&bad, ChainError::Squash { revision, problem } if revision == "s" && problem.contains("`001`")),
        "{bad}"
    );
}
