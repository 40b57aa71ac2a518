using RevoVoice.Contracts.Agents;
using RevoVoice.Write.Routing;

namespace RevoVoice.Write.Tests.Routing;

public sealed class when_the_board_matches_calls_and_agents
{
    [Fact]
    public void a_missing_skill_rules_an_agent_out_and_levels_rank_the_rest()
    {
        SkillMatch.Score([new AgentSkill("billing", 2)], ["billing", "spanish"]).Should().BeNull();
        SkillMatch.Score([new AgentSkill("billing", 2), new AgentSkill("Spanish", 5)], ["billing", "spanish"]).Should().Be(7);
        SkillMatch.Score([new AgentSkill("billing", 2)], []).Should().Be(0);
    }
}
