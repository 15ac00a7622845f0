//! `aws.parseArn`: the fields of an Amazon Resource Name.

/// An ARN that `aws.parseArn` accepted:
/// `arn:partition:service:region:account-id:resource`.
#[derive(Debug)]
#[allow(
    dead_code,
    reason = "a rule set reads only the attributes it needs; the others stay unread"
)]
pub(crate) struct Arn<'a> {
    pub(crate) partition: &'a str,
    pub(crate) service: &'a str,
    /// May be empty (global resources).
    pub(crate) region: &'a str,
    /// May be empty (resources that belong to no account).
    pub(crate) account_id: &'a str,
    /// The resource split at every `:` and `/`: `table/books` is `["table", "books"]`.
    pub(crate) resource_id: Vec<&'a str>,
}

/// `value` as an ARN, or `None` when it does not start with `arn:`, has
/// fewer than six `:`-separated fields, or leaves the partition, service
/// or resource empty. The resource may itself contain `:`.
pub(crate) fn parse_arn(value: &str) -> Option<Arn<'_>> {
    let mut fields = value.splitn(6, ':');
    if fields.next()? != "arn" {
        return None;
    }
    let partition = fields.next()?;
    let service = fields.next()?;
    let region = fields.next()?;
    let account_id = fields.next()?;
    let resource = fields.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition,
        service,
        region,
        account_id,
        resource_id: resource.split([':', '/']).collect(),
    })
}
