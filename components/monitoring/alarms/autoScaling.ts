import { AlarmInputs, AlarmSpec } from "../args";

/** The app instances' alarms: the group's CPU and how many instances are in service. */
export function autoScalingAlarms(a: AlarmInputs): AlarmSpec[] {
    const t = a.thresholds;
    return [
        // Instances come and go during a refresh; a gap in CPU data is not an alarm by itself
        // (the in-service alarm below catches a group with no instances).
        {
            id: "asg-cpu-high",
            description: `App tier average CPU above ${t.asgCpuPercent} %`,
            namespace: "AWS/EC2",
            metricName: "CPUUtilization",
            dimensions: { AutoScalingGroupName: a.autoScalingGroupName },
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.asgCpuPercent,
            periodSeconds: 300,
            evaluationPeriods: 3,
            datapointsToAlarm: 3,
            treatMissingData: "notBreaching",
        },
        {
            id: "asg-in-service-low",
            description: `Fewer than ${a.minInstances} instances in service`,
            namespace: "AWS/AutoScaling",
            metricName: "GroupInServiceInstances",
            dimensions: { AutoScalingGroupName: a.autoScalingGroupName },
            statistic: "Minimum",
            comparisonOperator: "LessThanThreshold",
            threshold: a.minInstances,
            periodSeconds: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 5,
            treatMissingData: "breaching",
        },
    ];
}
