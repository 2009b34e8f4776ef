package cn.changji.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.changji.archive.failure.ArchiveException;

/** The query language: words all required, "phrases" verbatim, -exclusions, a OR b, and its limits. */
class UserQueryTest {

    @Test
    void wordsAreAllRequiredPhrasesVerbatimAndMinusExcludes() {
        UserQuery query = UserQuery.parse("木垒 新能源 -光伏 \"产业发展联盟\"");
        assertEquals(List.of(List.of(new UserQuery.Term("木垒", false)), List.of(new UserQuery.Term("新能源", false)),
            List.of(new UserQuery.Term("产业发展联盟", true))), query.required());
        assertEquals(List.of(new UserQuery.Term("光伏", false)), query.excluded());
    }

    @Test
    void orJoinsTheWordsOnEitherSideIntoOneRequiredGroup() {
        UserQuery query = UserQuery.parse("奇台 小麦 OR 面粉");
        assertEquals(2, query.required().size());
        assertEquals(List.of(new UserQuery.Term("小麦", false), new UserQuery.Term("面粉", false)), query.required().get(1));
    }

    @Test
    void anEmptyQueryMatchesEverything() {
        assertTrue(UserQuery.parse("  ").isEmpty());
        assertTrue(UserQuery.parse(null).isEmpty());
    }

    @Test
    void tooLongOrTooManyTermsIsRefusedAsInvalid() {
        ArchiveException tooLong = assertThrows(ArchiveException.class, () -> UserQuery.parse("新".repeat(501)));
        assertEquals(ArchiveException.Kind.INVALID, tooLong.kind());
        assertTrue(tooLong.getMessage().contains("at most 500"));
        String many = String.join(" ", java.util.Collections.nCopies(33, "词"));
        assertThrows(ArchiveException.class, () -> UserQuery.parse(many));
    }
}
