package cn.changji.archive.api;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Bean Validation's refusals of request parameters, as problem reports like every other refusal (Quarkus answers
 * its own JSON for this exact exception type otherwise).
 */
@Provider
public class ViolationProblemMapper implements ExceptionMapper<ResteasyReactiveViolationException> {
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ResteasyReactiveViolationException violations) {
        return ProblemExceptionMapper.respond(400, ProblemExceptionMapper.detail(violations), null, uriInfo);
    }
}
