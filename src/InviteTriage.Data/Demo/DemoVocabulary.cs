namespace InviteTriage.Data.Demo;

/// <summary>
/// The words the demo inbox is made of. Every company is invented: firm names are built from syllables and rare
/// surnames rather than taken from a list of businesses, so that the demo never shows a real company as a farmer.
/// </summary>
internal static class DemoVocabulary
{
    public static readonly string[] FirstNames =
    [
        "Amelia", "Noah", "Priya", "Mateo", "Hannah", "Kwame", "Sofia", "Liam", "Aisha", "Ethan", "Mei", "Lucas",
        "Fatima", "Oliver", "Yuki", "Daniel", "Chloe", "Rahul", "Grace", "Diego", "Olivia", "Tomasz", "Zara", "Samuel",
        "Ingrid", "Marcus", "Leila", "Owen", "Camila", "Jonah", "Nadia", "Elijah", "Hana", "Gabriel", "Ruth", "Arjun",
        "Ava", "Felix", "Imani", "Henry", "Lucía", "Isaac", "Freya", "Kofi", "Maya", "Adrian", "Elena", "Tariq",
        "Nora", "Caleb", "Sienna", "Julian", "Anika", "Rowan", "Beatriz", "Declan", "Mira", "Theo", "Josephine", "Ravi",
        "Clara", "Malik", "Harper", "Andrés", "Leah", "Victor", "Esther", "Dmitri", "Paige", "Simone", "Wesley", "Ines",
        "Patrick", "Yara", "Graham", "Noelle", "Emeka", "Vivian", "Connor", "Sana", "Hugo", "Bridget", "Kenji", "Lena",
    ];

    public static readonly string[] LastNames =
    [
        "Okafor", "Lindqvist", "Haddad", "Moreno", "Brennan", "Nakamura", "Kowalski", "Osei", "Fischer", "Patel",
        "Castillo", "Whitfield", "Nguyen", "Adeyemi", "Sørensen", "Marchetti", "Holloway", "Iyer", "Delgado", "Byrne",
        "Kaplan", "Achterberg", "Mensah", "Rossi", "Sandoval", "Thornbury", "Chowdhury", "Lefebvre", "Park", "Abernathy",
        "Quintero", "Halvorsen", "Ibrahim", "Castellano", "Dunmore", "Yilmaz", "Fairbanks", "Oyelaran", "Varga", "Keane",
        "Rahman", "Esposito", "Wakefield", "Tanaka", "Hollis", "Ferreira", "Gallagher", "Novak", "Ashworth", "Mbeki",
        "Sullivan", "Petrov", "Navarro", "Pemberton", "Kimura", "Okonkwo", "Lindgren", "Barrett", "Suzuki", "Calloway",
        "Ortega", "Bhatt", "Winslow", "Kovacs", "Alvarez", "Dawson", "Hoang", "Mercer", "Sato", "Rutherford",
        "Nilsson", "Acheampong", "Vance", "Romano", "Hargreaves", "Cho", "Fontaine", "Mwangi", "Prescott", "Zielinski",
    ];

    // Surnames rare enough that two of them together do not name a real firm.
    public static readonly string[] FirmSurnames =
    [
        "Pellham", "Voss", "Ostrander", "Kell", "Thistlewood", "Marrow", "Quenby", "Harrowgate", "Blenkin", "Corriveau",
        "Ashgrove", "Dunleavy", "Fennimore", "Gilchrist", "Halloran", "Ingleby", "Jessop", "Kettering", "Lomax", "Mabry",
        "Norcott", "Oakes", "Penhallow", "Ravensworth", "Sedgwick", "Tremayne", "Underhill", "Vickery", "Wetherell", "Yardley",
    ];

    public static readonly string[] NameRoots =
    [
        "Quen", "Vell", "Tarn", "Bram", "Hald", "Mirr", "Corv", "Fenn", "Wexl", "Dov", "Sarn", "Tull", "Ambr", "Kest",
        "Lorr", "Niv", "Orv", "Rav", "Brisk", "Calder", "Elm", "Grist", "Hollin", "Juno", "Lynd", "Morr", "Pryn", "Skell",
    ];

    public static readonly string[] NameEndings =
    [
        "ick", "ora", "ane", "ley", "mont", "wyn", "ford", "holm", "vale", "ton", "ix", "ent", "bury", "wick", "stead", "mere",
    ];

    public static readonly Sector Accounting = new(
        ["Senior Accountant", "Tax Manager", "Audit Associate", "Staff Accountant", "Controller", "Tax Senior", "Audit Manager", "Payroll Specialist"],
        ["CPA", "CMA", "EA", "CPA, CGMA"],
        ["CPAs", "Tax Advisors", "Accounting Group", "& Associates"]);

    public static readonly Sector Technology = new(
        ["Software Engineer", "Senior Product Manager", "Data Analyst", "DevOps Engineer", "Engineering Manager", "UX Researcher", "Solutions Architect", "QA Lead"],
        [],
        ["Labs", "Software", "Systems", "Analytics", "Data"]);

    public static readonly Sector Recruiting = new(
        ["Talent Acquisition Partner", "Senior Recruiter", "Executive Search Consultant", "Sourcing Specialist", "Recruitment Manager", "Talent Advisor"],
        ["SHRM-CP", "PHR"],
        ["Talent Partners", "Search Partners", "Staffing", "Recruitment"]);

    public static readonly Sector Finance = new(
        ["Wealth Advisor", "Financial Planner", "Portfolio Analyst", "Relationship Manager", "Investment Associate", "Credit Analyst"],
        ["CFA", "CFP"],
        ["Capital", "Wealth Partners", "Asset Management", "Financial"]);

    public static readonly Sector Consulting = new(
        ["Senior Consultant", "Strategy Analyst", "Engagement Manager", "Operations Consultant", "Managing Director", "Business Analyst"],
        ["MBA", "PMP"],
        ["Consulting", "Strategy Group", "Advisory", "Partners"]);

    public static readonly Sector Design = new(
        ["Product Designer", "Creative Director", "Brand Strategist", "Visual Designer", "Design Lead", "Illustrator"],
        [],
        ["Studio", "Design", "Creative", "Collective"]);

    public static readonly Sector Health = new(
        ["Registered Nurse", "Clinical Coordinator", "Practice Manager", "Physical Therapist", "Healthcare Administrator", "Nurse Practitioner"],
        [],
        ["Clinic", "Health Partners", "Care"]);

    public static readonly Sector[] Sectors = [Accounting, Technology, Recruiting, Finance, Consulting, Design, Health];

    /// <summary>Large employers that invite often, so that three of their people in a day is ordinary.</summary>
    public static readonly (string Name, Sector Sector)[] LargeEmployers =
    [
        ("Corvane Health System", Health),
        ("Tarnwick Logistics", Consulting),
        ("Brannock Mutual", Finance),
        ("Vellmont Systems", Technology),
        ("Hallorin Insurance Group", Finance),
        ("Kestrane Telecom", Technology),
    ];

    public static readonly string[] LegalSuffixes = [", LLC", " Inc.", " LLP", ", Inc.", " Ltd"];

    /// <summary>Headlines that name no company, as many real ones do; the detector must not invent one.</summary>
    public static readonly string[] HeadlinesWithoutCompany =
    [
        "Helping founders tell their story", "Open to new opportunities", "Student", "Writer, runner, coffee enthusiast",
        "Freelance bookkeeper", "Independent consultant | Speaker", "Building things on the internet", "Retired, still curious",
    ];

    // LinkedIn's own default texts (FORMATS.md): generic by definition.
    public static readonly string[] DefaultTexts =
    [
        "I'd like to add you to my professional network on LinkedIn.",
        "I'd like to join your LinkedIn network.",
        "I'd like to connect with you on LinkedIn.",
        "I'd like to add you to my professional network.",
    ];

    // Under 40 characters and naming no one, so the classifier counts them as generic too.
    public static readonly string[] ShortNotes =
    [
        "Let's connect!", "Happy to connect.", "Would love to connect with you.", "Hi! Let's stay in touch.", "Great to connect here.",
    ];

    public static readonly string[] PersonalNotes =
    [
        "Hi, we met at the {event} last month. I enjoyed our chat about {topic} and would like to stay in touch.",
        "Great meeting you at the {event}! Let's keep the conversation about {topic} going.",
        "I read your post on {topic} and found it really useful. Would be glad to connect.",
        "We sat on the same panel at the {event}. Thanks again for the thoughtful questions afterwards.",
        "Our teams worked together on a {topic} project a while back. It would be good to reconnect.",
        "A mutual colleague suggested I reach out about {topic}. Happy to compare notes sometime.",
        "Thanks for the helpful answer in the {topic} thread last week. I'd like to follow your work.",
    ];

    public static readonly string[] WorkshopNotes =
    [
        "Thanks for joining our {topic} workshop on Tuesday. It was great to have you in the room.",
        "Lovely to meet you at the {topic} workshop. I'll send over the slides we talked about.",
        "I ran the breakout on {topic} at the workshop. Your question about budgets stuck with me.",
        "Thank you for the kind words after the {topic} workshop. Let's keep in touch.",
    ];

    public static readonly string[] WorkshopTopics = ["brand systems", "accessible design", "design critique", "service design"];

    public static readonly string[] FollowUps =
    [
        "Following up on my earlier invitation. I'd still like to connect about {topic}.",
        "Sending this again in case my first invitation got lost. Would be good to talk about {topic}.",
    ];

    public static readonly string[] Events =
    [
        "Harbor City Finance Forum", "spring CPA society breakfast", "Midlands Product Summit", "regional tax update seminar",
        "DesignOps meetup", "alumni mixer", "Northgate data conference",
    ];

    public static readonly string[] Topics =
    [
        "lease accounting", "month-end close automation", "hiring in a tight market", "small-business tax planning",
        "design systems", "data migration", "remote onboarding", "audit analytics",
    ];

    /// <summary>The titles one kind of business hires, the credentials its people list, and what its firms are called.</summary>
    public sealed record Sector(string[] Titles, string[] Credentials, string[] FirmKinds);
}
