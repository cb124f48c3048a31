//! Operations that read the status of a job, as `[jobs.OPERATION]` tables
//! of the config declare them: which property holds the status (a dotted
//! path, `fine_tune.status`), which statuses end the job, and which of
//! those are successes. Such an operation's builder gets `.wait()`.

use super::fields::{Leaf, Types};
use super::{BodyKind, Operation, ResponseBody};
use crate::config::{self, Operations};
use crate::diag::Error;

/// How to read a job's status from the response of the operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobStatus {
    /// The JSON pointer to the status (a string) in the response.
    pub status_at: String,
    /// The statuses after which the job changes no more.
    pub terminal: Vec<String>,
    /// The terminal statuses that are successes; the others are failures.
    pub success: Vec<String>,
}

/// Settles the job declarations of the config; one the response cannot
/// hold is an error naming the config's line and key.
pub(super) fn settle(
    ops: &mut [Operation],
    types: Types<'_>,
    config: &Operations,
) -> Result<(), Error> {
    for job in &config.jobs {
        // An operation the document lacks is refused by `check_operations`.
        let Some(i) = config::operation_index(ops, &job.operation) else {
            continue;
        };
        let op = &ops[i];
        let fail = |key: &str, message: String| {
            Error::document(format!(
                "{}:{}: jobs.{}{key}: {message}",
                config.file, job.line, job.operation
            ))
        };
        if op
            .body
            .as_ref()
            .is_some_and(|b| matches!(b.kind, BodyKind::Bytes | BodyKind::Choice(_)))
        {
            return Err(fail(
                "",
                format!(
                    "operation `{}` cannot be sent twice: its body is a stream or a choice",
                    op.method_name
                ),
            ));
        }
        let body = match op.success_body() {
            ResponseBody::Json(t) if op.outcome.is_none() => t,
            _ => {
                return Err(fail(
                    "",
                    format!(
                        "operation `{}` answers with no one JSON type to read a status from",
                        op.method_name
                    ),
                ))
            }
        };
        let (status_at, t) = types
            .path(&body, &job.status_field)
            .map_err(|m| fail(".status-field", m))?;
        if types.leaf(&t) != Leaf::Text {
            return Err(fail(
                ".status-field",
                format!("`{}` is not a string", job.status_field),
            ));
        }
        ops[i].job = Some(JobStatus {
            status_at,
            terminal: job.terminal.clone(),
            success: job.success.clone(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::{doc_of, model_of};

    const SCHEMAS: &str = "{Job: {type: object, properties: {status: {type: string}, job: {type: object, properties: {state: {type: string, enum: [queued, done, failed]}, tries: {type: integer}}}}}}";

    fn job(config: &str) -> Result<Option<JobStatus>, String> {
        let paths = "{'/jobs/{id}': {get: {operationId: get_job, parameters: [{name: id, in: path, required: true, schema: {type: string}}], responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}}}}}";
        let (model, _) = model_of(&doc_of(paths, SCHEMAS), config)?;
        Ok(model.operations[0].job.clone())
    }

    #[test]
    fn a_declared_job_reads_its_status_at_a_pointer() {
        let config = "[jobs.get_job]\nstatus-field = \"job.state\"\nterminal = [\"done\", \"failed\"]\nsuccess = [\"done\"]\n";
        assert_eq!(
            job(config).unwrap(),
            Some(JobStatus {
                status_at: "/job/state".into(),
                terminal: vec!["done".into(), "failed".into()],
                success: vec!["done".into()],
            })
        );
        assert_eq!(job("").unwrap(), None);
    }

    #[test]
    fn a_status_that_is_not_a_string_is_refused() {
        let table = |field: &str| {
            format!("[jobs.get_job]\nstatus-field = \"{field}\"\nterminal = [\"done\"]\n")
        };
        assert_eq!(
            job(&table("job.tries")).unwrap_err(),
            "codegen.toml:1: jobs.get_job.status-field: `job.tries` is not a string"
        );
        assert_eq!(
            job(&table("state")).unwrap_err(),
            "codegen.toml:1: jobs.get_job.status-field: the response has no property `state`"
        );
    }
}
