"""The same stack as examples/typescript, as a Pulumi Python program.

Add the component package first, which generates the `pulumi_ses_monitoring` SDK from schema.json:
    pulumi package add <git URL of this repository>@<tag>
tests/schema.test.ts checks every argument of the SesMonitoring call below against schema.json.
"""
import pulumi
import pulumi_aws as aws
import pulumi_ses_monitoring as ses_monitoring

pager = aws.sns.Topic("pager")

ses = ses_monitoring.SesMonitoring(
    "ses",
    configuration_sets={
        "transactional": {"sns_destination": {}},
        "marketing": {
            "alarms": {"complaint_rate": {"minimum_sends": 50000}},
            "dimensions": [{"name": "campaign", "source": "MESSAGE_TAG", "default_value": "none"}],
        },
        "legacy": {"manage": False, "reputation_metrics": False},
    },
    notifications={"critical_topic_arn": pager.arn, "emails": ["mail-team@example.com"]},
    event_archive={"retention_days": 400, "transition_storage_class": "GLACIER_IR"},
    name_prefix="shop-prod",
    tags={"team": "mail"},
)

pulumi.export("alarm_arns", ses.alarm_arns)
pulumi.export("dashboard_url", ses.dashboard_url)
