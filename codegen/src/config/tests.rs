use super::*;

const FILE: &str = "spec/codegen.toml";

fn parse(text: &str) -> Config {
    Config::parse(text, FILE).unwrap_or_else(|e| panic!("{e}"))
}

fn error(text: &str) -> String {
    match std::panic::catch_unwind(|| Config::parse(text, FILE)) {
        Ok(Ok(c)) => panic!("parsed: {c:?}"),
        Ok(Err(e)) => e.to_string(),
        Err(_) => panic!("panicked"),
    }
}

const FULL: &str = r#"
spec = "api.yaml"
out = "../client"
crate-name = "api-client"
group-by-tag = true
strict = true
overlays = ["fix.overlay.yaml", "more.yaml"]

[renames]
"Pets.index" = "list_pets"
get_pet = "fetch_pet"

[pagination.list_pets]
pattern = "page"
page-param = "page"
size-param = "per_page"
total-pages-field = "total_pages"
items-field = "pets"

[pagination.listToys]
pattern = "cursor"
cursor-param = "after"
cursor-field = "next_cursor"
has-more-field = "has_more"

[pagination.list_owners]
pattern = "next-url"
next-field = "next"

[pagination.list_repos]
pattern = "link-header"

[jobs.get_job]
status-field = "status"
terminal = ["done", "failed"]
success = ["done"]

[streams.chat]
event-schema = "Chunk"
terminator = "[DONE]"
"#;

#[test]
fn a_full_config_reads_into_plain_data() {
    let c = parse(FULL);
    assert_eq!(c.file, FILE);
    assert_eq!(c.spec.as_deref(), Some("api.yaml"));
    assert_eq!(c.out.as_deref(), Some("../client"));
    assert_eq!(c.crate_name.as_deref(), Some("api-client"));
    assert!(c.group_by_tag && c.strict && !c.features_by_tag);
    let features = Config::parse("features-by-tag = true\n", "spec/codegen.toml").unwrap();
    assert!(features.features_by_tag && !features.group_by_tag);
    let by_path = Config::parse("features-by-path = true\n", "spec/codegen.toml").unwrap();
    assert!(by_path.features_by_path && !by_path.features_by_tag && !c.features_by_path);
    assert_eq!(c.overlays, ["fix.overlay.yaml", "more.yaml"]);
    assert_eq!(c.name_of(&c.overlays[0]), "spec/fix.overlay.yaml");
    assert_eq!(c.name_of(c.out.as_deref().unwrap()), "client");
    assert_eq!(c.path("api.yaml"), Path::new("spec/api.yaml"));
    let ops = &c.operations;
    assert_eq!(ops.file, FILE);
    assert_eq!(
        ops.renames,
        [
            Rename {
                from: "Pets.index".into(),
                to: "list_pets".into(),
                line: 10
            },
            Rename {
                from: "get_pet".into(),
                to: "fetch_pet".into(),
                line: 11
            },
        ]
    );
    let by = |name: &str| {
        ops.pagination
            .iter()
            .find(|p| p.operation == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(
        by("list_pets").pattern,
        Pagination::Page {
            page_param: "page".into(),
            size_param: Some("per_page".into()),
            total_pages_field: Some("total_pages".into())
        }
    );
    assert_eq!(by("list_pets").items_field.as_deref(), Some("pets"));
    assert_eq!(by("list_pets").line, 13);
    assert_eq!(
        by("listToys").pattern,
        Pagination::Cursor {
            cursor_param: "after".into(),
            cursor_field: "next_cursor".into(),
            has_more_field: Some("has_more".into())
        }
    );
    assert_eq!(
        by("list_owners").pattern,
        Pagination::NextUrl {
            next_field: "next".into()
        }
    );
    assert_eq!(by("list_repos").pattern, Pagination::LinkHeader);
    assert_eq!(
        ops.jobs,
        [Job {
            operation: "get_job".into(),
            line: 33,
            status_field: "status".into(),
            terminal: vec!["done".into(), "failed".into()],
            success: vec!["done".into()],
        }]
    );
    assert_eq!(
        ops.streams,
        [EventStream {
            operation: "chat".into(),
            line: 38,
            event_schema: "Chunk".into(),
            terminator: Some("[DONE]".into()),
        }]
    );
}

#[test]
fn an_empty_config_is_the_defaults() {
    let c = parse("");
    assert_eq!(
        c,
        Config {
            file: FILE.into(),
            dir: "spec".into(),
            operations: Operations {
                file: FILE.into(),
                ..Operations::default()
            },
            ..Config::default()
        }
    );
}

#[test]
fn unknown_keys_and_bad_values_name_the_file_the_line_and_the_key() {
    let cases: &[(&str, &str)] = &[
        (
            "strict = true\ngroup_by_tag = true\n",
            "spec/codegen.toml:2: group_by_tag: unknown field `group_by_tag`, expected one of",
        ),
        (
            "spec = \"a.yaml\"\nstrict = \"yes\"\n",
            "spec/codegen.toml:2: strict: invalid type: string \"yes\", expected a boolean",
        ),
        (
            "strict = true\nfeatures-by-tag = true\nfeatures-by-path = true\n",
            "spec/codegen.toml:3: features-by-path: features by path and by tag cannot both be on: choose one",
        ),
        (
            "overlays = \"fix.yaml\"\n",
            "spec/codegen.toml:1: overlays: invalid type: string \"fix.yaml\", expected a sequence",
        ),
        (
            "\n[pagination.list]\npattern = \"pages\"\n",
            "spec/codegen.toml:3: pagination.list.pattern: unknown variant `pages`, expected one of `page`, `cursor`, `next-url`, `link-header`",
        ),
        (
            "[pagination.list]\npattern = \"page\"\npage-parm = \"p\"\n",
            "spec/codegen.toml:3: pagination.list.page-parm: unknown field `page-parm`",
        ),
        (
            "[pagination.list]\npattern = \"page\"\npage-param = 1\n",
            "spec/codegen.toml:3: pagination.list.page-param: invalid type: integer `1`, expected a string",
        ),
        (
            "\n\n[pagination.list]\npattern = \"page\"\n",
            "spec/codegen.toml:3: pagination.list: pattern `page` needs `page-param`",
        ),
        (
            "[pagination.list]\npattern = \"next-url\"\nnext-field = \"next\"\npage-param = \"page\"\n",
            "spec/codegen.toml:1: pagination.list: `page-param` is not a field of pattern `next-url`",
        ),
        (
            "[pagination.list]\npattern = \"cursor\"\ncursor-param = \"after\"\n",
            "spec/codegen.toml:1: pagination.list: pattern `cursor` needs `cursor-field`",
        ),
        (
            "[jobs.get]\nstatus-field = \"status\"\nterminal = [\"done\"]\nsuccess = [\"ok\"]\n",
            "spec/codegen.toml:1: jobs.get: `success` value `ok` is not among the `terminal` values",
        ),
        (
            "[jobs.get]\nstatus-field = \"status\"\n",
            "spec/codegen.toml:1: jobs.get: missing field `terminal`",
        ),
        (
            "[jobs.get]\nstatus-field = \"status\"\nterminal = []\n",
            "spec/codegen.toml:1: jobs.get: `terminal` lists no status",
        ),
        (
            "[streams.chat]\nevent_schema = \"Chunk\"\n",
            "spec/codegen.toml:2: streams.chat.event_schema: unknown field `event_schema`",
        ),
        (
            "[renames]\nlist = \"listPets\"\n",
            "spec/codegen.toml:2: renames.list: `listPets` is not a method name (`list_pets` would be)",
        ),
        (
            "[renames]\nlist = \"type\"\n",
            "spec/codegen.toml:2: renames.list: `type` is not a method name (`type_` would be)",
        ),
        (
            "[renames]\na = \"same\"\nb = \"same\"\n",
            "spec/codegen.toml:3: renames.b: `same` is already the new name of `a`",
        ),
        (
            "crate-name = \"9 lives\"\n",
            "spec/codegen.toml:1: crate-name: `9 lives` is not a package name",
        ),
        (
            "spec = \"\"\n",
            "spec/codegen.toml:1: spec: an empty path",
        ),
        (
            "strict = true\nstrict = false\n",
            "spec/codegen.toml:2: duplicate key `strict`",
        ),
        (
            "strict = \n",
            "spec/codegen.toml:1: invalid string",
        ),
    ];
    for (text, want) in cases {
        let got = error(text);
        assert!(
            got.starts_with(want),
            "{text:?}\n  got: {got}\n want: {want}"
        );
    }
}

fn operations(renames: &[(&str, &str)]) -> Operations {
    Operations {
        file: FILE.into(),
        renames: renames
            .iter()
            .enumerate()
            .map(|(i, (from, to))| Rename {
                from: from.to_string(),
                to: to.to_string(),
                line: i + 2,
            })
            .collect(),
        ..Operations::default()
    }
}

#[test]
fn renames_name_an_operation_by_its_id_or_its_method_name() {
    let ids = [Some("Pets.index"), None, Some("getPet")];
    let names = || {
        ["index", "get_toys", "get_pet"]
            .map(crate::naming::method_name)
            .to_vec()
    };
    type Renames<'a> = &'a [(&'a str, &'a str)];
    let cases: &[(Renames, Result<[&str; 3], &str>)] = &[
        (&[], Ok(["index", "get_toys", "get_pet"])),
        (&[("Pets.index", "list_pets")], Ok(["list_pets", "get_toys", "get_pet"])),
        (&[("get_toys", "toys")], Ok(["index", "toys", "get_pet"])),
        (
            &[("getPet", "get_toys"), ("get_toys", "toys")],
            Ok(["index", "toys", "get_toys"]),
        ),
        (
            &[("nope", "x")],
            Err("spec/codegen.toml:2: renames.nope: no operation has the operationId or method name `nope`"),
        ),
        (
            &[("getPet", "get_toys")],
            Err("spec/codegen.toml:2: renames.getPet: `get_toys` is the name of another method of the client"),
        ),
        (
            &[("getPet", "new")],
            Err("spec/codegen.toml:2: renames.getPet: `new` is the name of another method of the client"),
        ),
        (
            &[("Pets.index", "a"), ("get_toys", "b")],
            Ok(["a", "b", "get_pet"]),
        ),
    ];
    for (renames, want) in cases {
        let got = rename_operations(ids, names(), &["new"], &operations(renames));
        match (got, want) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{renames:?}"),
            (Err(got), Err(want)) => assert_eq!(got.to_string(), *want, "{renames:?}"),
            (got, _) => panic!("{renames:?}: {got:?}"),
        }
    }
}

#[test]
fn a_key_that_is_not_a_bare_word_is_quoted_as_toml_writes_it() {
    let got = rename_operations(
        [Some("a.b")],
        vec!["b".into()],
        &[],
        &operations(&[("x.y", "c")]),
    )
    .unwrap_err();
    assert_eq!(
        got.to_string(),
        "spec/codegen.toml:2: renames.\"x.y\": no operation has the operationId or method name `x.y`"
    );
}
