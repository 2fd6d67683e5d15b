using InviteTriage.Core.Flocks;

namespace InviteTriage.Data.Demo;

/// <summary>A flock the demo inbox contains on purpose, with the score and severity the detector's defaults give it.</summary>
internal sealed record DemoFlock(string Company, string CompanyKey, int Senders, double Score, FlockSeverity Severity, string Story);
