using RevoVoice.Contracts.Agents;

namespace RevoVoice.Write.Routing;

/// <summary>How well an agent's skills cover what a call needs.</summary>
public static class SkillMatch
{
    /// <summary>The summed levels of the required skills, or null when the agent lacks one (an agent without a required skill never gets the call).</summary>
    public static int? Score(IReadOnlyList<AgentSkill> skills, IReadOnlyList<string> required)
    {
        var score = 0;
        foreach (var skill in required)
        {
            var match = skills.FirstOrDefault(s => string.Equals(s.Skill, skill, StringComparison.OrdinalIgnoreCase));
            if (match is null) return null;
            score += match.Level;
        }
        return score;
    }
}
