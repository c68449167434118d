"""The audit of an organization: the mailboxes of an export of Dynamics 365 Customer Engagement
(on-premises), read (exports), mapped to configurations on evidence only (mapping), judged with
their nearest fixes in Dynamics' own terms (judge), and reported (report). CONTRACT.md §5."""
