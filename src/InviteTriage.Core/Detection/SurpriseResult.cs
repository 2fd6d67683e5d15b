namespace InviteTriage.Core.Detection;

/// <summary>The numbers of one surprise test, kept so that a flag can be explained and re-checked.</summary>
/// <param name="Baseline">B: the company's other invitations within 90 days either side.</param>
/// <param name="BaselineHours">The clipped baseline window, at least 168 hours.</param>
/// <param name="Lambda">λ = (B + 0.1) / hours.</param>
/// <param name="Mu">μ = λ × max(last − first, H).</param>
/// <param name="SenderCount">n: the distinct senders of the candidate.</param>
/// <param name="PValue">P(X ≥ n) for X ~ Poisson(μ).</param>
/// <param name="IsFlock">p ≤ α.</param>
public sealed record SurpriseResult(int Baseline, double BaselineHours, double Lambda, double Mu, int SenderCount, double PValue, bool IsFlock);
