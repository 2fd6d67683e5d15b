namespace InviteTriage.Data.Demo;

/// <summary>Colleagues who invite close together but must not be flagged, and why not.</summary>
internal sealed record DemoNearMiss(string Company, string CompanyKey, string Story);
