namespace InviteTriage.Core.Detection;

/// <summary>The rule names of DETECTION.md's score table, as stored in reasons and shown to the user.</summary>
public static class FlagRules
{
    public const string FlockCompany = "FLOCK_COMPANY";
    public const string GenericText = "GENERIC_TEXT";
    public const string RepeatInvite = "REPEAT_INVITE";
    public const string CampaignCompany = "CAMPAIGN_COMPANY";
    public const string CampaignSender = "CAMPAIGN_SENDER";
    public const string KnownCompany = "KNOWN_COMPANY";
    public const string OwnCompany = "OWN_COMPANY";
    public const string PersonalNotes = "PERSONAL_NOTES";
}
