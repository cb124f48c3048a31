//! The parts of the runtime: each a template file of `codegen/runtime/src/`,
//! or a block of one between `// @part NAME` and `// @end`, and what each
//! part calls.

/// Declares [`RuntimePart`], its list and where each part is.
macro_rules! parts {
    ($($part:ident: $file:literal $(, $marker:literal)?;)*) => {
        /// A piece of the runtime a client may need. See [`RuntimePart::place`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuntimePart {
            $($part,)*
        }

        impl RuntimePart {
            /// Every part.
            pub const ALL: &'static [RuntimePart] = &[$(RuntimePart::$part,)*];

            /// Where the part is: its template file (a module of `runtime`)
            /// and, for a block inside it, the block's `// @part` name. A file
            /// is spliced in when any of its parts is needed; its text outside
            /// blocks comes with it.
            pub fn place(self) -> (&'static str, Option<&'static str>) {
                match self {
                    $(RuntimePart::$part => ($file, parts!(@marker $($marker)?)),)*
                }
            }
        }
    };
    (@marker) => { None };
    (@marker $marker:literal) => { Some($marker) };
}

parts! {
    // Every client: its responses, errors and credentials.
    Response: "response";
    Error: "error";
    Secret: "secret";
    SecretExpose: "secret", "secret_expose";
    // Every client with an operation: building, sending and reading requests,
    // with its settings, retries, hooks and span.
    Request: "request";
    Send: "send";
    Settings: "settings";
    Retry: "retry";
    ErrorSent: "error", "error_sent";
    Hooks: "hooks";
    Trace: "trace";
    // Idempotency keys, where a POST or PATCH may carry one.
    Idempotency: "idempotency";
    SettingsIdempotency: "settings", "settings_idempotency";
    // Credentials: a token (fixed or provided) and where it goes, or a user
    // name and password.
    Credentials: "credentials";
    CredentialToken: "credentials", "credential_token";
    CredentialsSent: "credentials", "credentials_sent";
    CredentialBearer: "credentials", "credential_bearer";
    CredentialHeader: "credentials", "credential_header";
    CredentialQuery: "credentials", "credential_query";
    CredentialCookie: "credentials", "credential_cookie";
    CredentialBasic: "credentials", "credential_basic";
    Raw: "raw";
    RawJson: "raw", "raw_json";
    RawEmpty: "raw", "raw_empty";
    RawText: "raw", "raw_text";
    RawBytes: "raw", "raw_bytes";
    RawJsonAs: "raw", "raw_json_as";
    RawTextAs: "raw", "raw_text_as";
    RawBytesAs: "raw", "raw_bytes_as";
    RawEmptyAs: "raw", "raw_empty_as";
    RawJsonError: "raw", "raw_json_error";
    RawTextError: "raw", "raw_text_error";
    RawEmptyError: "raw", "raw_empty_error";
    RawUnexpected: "raw", "raw_unexpected";
    RawValue: "raw", "raw_value";
    RawApiError: "raw", "raw_api_error";
    RawUnexpectedBecause: "raw", "raw_unexpected_because";
    // What some operations need.
    Download: "download";
    OperationServer: "server";
    // Parameters, by location, style and `explode`.
    ParamValue: "value";
    JsonText: "json_text";
    Parts: "parts";
    PartsJoined: "parts", "parts_joined";
    PartsJoinedExploded: "parts", "parts_joined_exploded";
    Query: "query";
    QueryReserved: "query", "query_reserved";
    QueryForm: "query_form", "query_form";
    QueryFormExploded: "query_form", "query_form_exploded";
    QueryDelimited: "query_delimited";
    QueryDeep: "query_deep";
    Path: "path";
    PathSimple: "path_simple", "path_simple";
    PathSimpleExploded: "path_simple", "path_simple_exploded";
    PathLabel: "path_label", "path_label";
    PathLabelExploded: "path_label", "path_label_exploded";
    PathMatrix: "path_matrix", "path_matrix";
    PathMatrixExploded: "path_matrix", "path_matrix_exploded";
    PathWildcard: "path_wildcard";
    HeaderSimple: "header", "header_simple";
    HeaderSimpleExploded: "header", "header_simple_exploded";
    HeaderValue: "header_value";
    CookieForm: "cookie", "cookie_form";
    CookieFormExploded: "cookie", "cookie_form_exploded";
    // Bodies.
    Form: "form";
    FormFlat: "form", "form_flat";
    FormSpaceDelimited: "form", "form_space_delimited";
    FormPipeDelimited: "form", "form_pipe_delimited";
    FormDeep: "form", "form_deep";
    FilePart: "file_part";
    ValuePart: "value_part";
    // Event streams, pages and jobs.
    Sse: "sse";
    SseJson: "sse", "sse_json";
    SseText: "sse", "sse_text";
    Pages: "pages";
    PagesItems: "pages", "pages_items";
    PagesPage: "pages", "pages_page";
    PagesCursor: "pages", "pages_cursor";
    PagesNextUrl: "pages", "pages_next_url";
    PagesLink: "pages", "pages_link";
    PagesSameOrigin: "pages", "pages_same_origin";
    Wait: "wait";
    // Types.
    StringEnum: "string_enum";
    IntegerEnum: "integer_enum";
    Tagged: "tagged";
    Present: "present";
    JsonDefault: "json_default";
    Base64: "base64_value";
    // The typed mocks (feature `mock`) of a client with operations: the
    // server and what every mock has, then what some operations' mocks call.
    Mock: "mock";
    MockPath: "mock_match", "mock_path";
    MockQuery: "mock_match", "mock_query";
    MockHeader: "mock_match", "mock_header";
    MockCookie: "mock_match", "mock_cookie";
    MockBodyJson: "mock_match", "mock_body_json";
    MockBodyText: "mock_match", "mock_body_text";
    MockBodyBytes: "mock_match", "mock_body_bytes";
    MockRespondJson: "mock_respond", "mock_respond_json";
    MockRespondText: "mock_respond", "mock_respond_text";
    MockRespondBytes: "mock_respond", "mock_respond_bytes";
    MockRespondEmpty: "mock_respond", "mock_respond_empty";
    MockRespondEvents: "mock_respond", "mock_respond_events";
    MockRespondEventsJson: "mock_respond", "mock_respond_events_json";
    MockStatusRange: "mock_respond", "mock_status_range";
}

impl RuntimePart {
    /// The parts every client has (the crate root re-exports them).
    pub const ALWAYS: &'static [RuntimePart] = &[
        RuntimePart::Response,
        RuntimePart::Error,
        RuntimePart::Secret,
    ];

    /// The other parts this one calls, but for [`RuntimePart::ALWAYS`].
    pub fn requires(self) -> &'static [RuntimePart] {
        use RuntimePart::*;
        match self {
            Request | Download => &[Send, Raw],
            Send => &[Raw, Request, Settings, Retry, ErrorSent, Hooks, Trace],
            Settings => &[Retry, Hooks],
            ErrorSent => &[Retry],
            Hooks | Credentials => &[Request],
            Trace => &[Hooks],
            Idempotency => &[SettingsIdempotency, Send],
            SettingsIdempotency => &[Settings],
            CredentialToken => &[Credentials],
            CredentialsSent => &[CredentialToken, Send],
            CredentialBearer | CredentialHeader | CredentialQuery | CredentialCookie => {
                &[CredentialsSent, SecretExpose]
            }
            CredentialBasic => &[Credentials, Send, SecretExpose],
            RawValue | RawApiError | RawUnexpectedBecause => &[Raw],
            RawJson | RawText => &[RawValue, RawUnexpectedBecause],
            RawBytes | RawEmpty | RawEmptyAs => &[RawValue],
            RawJsonAs => &[RawJson],
            RawTextAs => &[RawText],
            RawBytesAs => &[RawBytes],
            RawJsonError => &[RawApiError, RawUnexpectedBecause],
            RawTextError | RawEmptyError => &[RawApiError],
            RawUnexpected => &[RawUnexpectedBecause],
            Parts => &[ParamValue],
            PartsJoined => &[Parts],
            PartsJoinedExploded => &[PartsJoined],
            QueryReserved => &[Query],
            QueryForm | QueryDelimited => &[Query, PartsJoined],
            QueryFormExploded | QueryDeep => &[Query, Parts],
            HeaderSimple | CookieForm => &[PartsJoined],
            CookieFormExploded => &[Parts],
            PathSimple | PathLabel | PathMatrix => &[Path, PartsJoined],
            PathSimpleExploded | PathLabelExploded => &[Path, PartsJoinedExploded],
            PathMatrixExploded => &[Path, Parts],
            HeaderSimpleExploded => &[PartsJoinedExploded],
            Form | ValuePart => &[ParamValue],
            PathWildcard => &[Path, ParamValue],
            Sse | Pages => &[Request, Send, Raw],
            SseJson | SseText => &[Sse],
            PagesPage | PagesCursor => &[Pages, PagesItems],
            PagesNextUrl | PagesLink => &[Pages, PagesSameOrigin],
            PagesItems | PagesSameOrigin => &[Pages],
            Wait => &[Request],
            FormFlat | FormSpaceDelimited | FormPipeDelimited | FormDeep => &[Form],
            MockPath | MockQuery | MockHeader | MockCookie | MockBodyJson | MockBodyText
            | MockBodyBytes | MockRespondJson | MockRespondText | MockRespondBytes
            | MockRespondEmpty | MockRespondEvents | MockStatusRange => &[Mock],
            MockRespondEventsJson => &[MockRespondEvents],
            _ => &[],
        }
    }
}
