<?xml version="1.0" encoding="UTF-8"?>
<!-- Web layer: how the structures of other people's TEI look (their meaning: common/structure.xsl).
     Front/body/back, groups of texts, nested divisions, verse, drama, letters, lists, tables,
     figures, quotations, pointers, transcription marks, registers kept in the back.
     Imported by document.xsl, whose parameters and variables ($wit, $apparatus, $docid) it uses.
     Every attribute value that reaches HTML is a number, an xml:id (an NCName), a sanitised
     token or a checked URL. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:num="urn:editio:numbering" exclude-result-prefixes="tei num">

  <!-- ===== blocks ===== -->
  <xsl:template match="tei:div">
    <section>
      <xsl:attribute name="class">
        <xsl:text>div</xsl:text>
        <xsl:if test="normalize-space(@type)"><xsl:text> div-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@type"/></xsl:call-template></xsl:if>
      </xsl:attribute>
      <xsl:call-template name="lang-attr"/>
      <xsl:if test="tei:head and $apparatus"><xsl:attribute name="id"><xsl:call-template name="div-id"/></xsl:attribute></xsl:if>
      <xsl:if test="$wit">
        <xsl:attribute name="data-block"><xsl:value-of select="count(preceding-sibling::*)"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- the page is the document: its division adds no box, only the anchor the contents link to -->
  <xsl:template match="tei:div[@type = 'document']">
    <xsl:if test="tei:head and $apparatus"><span class="div-anchor"><xsl:attribute name="id"><xsl:call-template name="div-id"/></xsl:attribute></span></xsl:if>
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:list/tei:head">
    <span class="list-head"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab">
    <p>
      <xsl:call-template name="block-attrs"/>
      <xsl:if test="@rend = 'box-mark'"><span class="box-mark dipl" title="paragraph mark of the witness">□ </span></xsl:if>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:dateline | tei:postscript | tei:salute | tei:signed[parent::tei:div]">
    <div>
      <xsl:call-template name="block-attrs"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:list">
    <div>
      <xsl:call-template name="block-attrs"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:choose>
        <xsl:when test="@rend = 'numbered' or @rend = 'ordered' or @type = 'ordered'"><ol><xsl:apply-templates select="*[not(self::tei:head)]"/></ol></xsl:when>
        <xsl:otherwise><ul><xsl:apply-templates select="*[not(self::tei:head)]"/></ul></xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template match="tei:item">
    <li>
      <xsl:call-template name="own-id"/>
      <xsl:if test="@n and number(@n) = number(@n)"><xsl:attribute name="value"><xsl:value-of select="number(@n)"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <!-- class="tei-{name} {type} {rend}", and the block's position for the synoptic rows -->
  <xsl:template name="block-attrs">
    <xsl:call-template name="lang-attr"/>
    <xsl:attribute name="class">
      <xsl:value-of select="concat('tei-', local-name())"/>
      <xsl:if test="@type"><xsl:text> type-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@type"/></xsl:call-template></xsl:if>
      <xsl:if test="@rend"><xsl:text> rend-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@rend"/></xsl:call-template></xsl:if>
    </xsl:attribute>
    <xsl:if test="$wit and parent::tei:div">
      <xsl:attribute name="data-block"><xsl:value-of select="count(preceding-sibling::*)"/></xsl:attribute>
    </xsl:if>
    <!-- a block a pointer may name keeps its id -->
    <xsl:if test="@xml:id and $apparatus and not(self::tei:note or self::tei:pb or self::tei:fw or self::tei:milestone
                  or self::tei:lb or self::tei:cb)">
      <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- Top-level milestones and furniture still get a row of their own in the synoptic view -->
  <xsl:template match="tei:div/tei:pb | tei:div/tei:fw | tei:div/tei:note | tei:div/tei:milestone
                       | tei:div/tei:lb | tei:div/tei:cb" priority="2">
    <div>
      <xsl:call-template name="block-attrs"/>
      <xsl:apply-templates select="." mode="ed"/>
    </div>
  </xsl:template>

  <!-- A note's paragraphs stay inline (a footnote is a list item; its mark and backlink share its line) -->
  <xsl:template match="tei:note/tei:p">
    <span class="tei-p note-p"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ===== the text and its parts ===== -->
  <xsl:template match="tei:text">
    <xsl:apply-templates select="tei:front | tei:body | tei:group | tei:back"/>
  </xsl:template>

  <xsl:template match="tei:body">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:front | tei:back">
    <section class="tei-{local-name()}">
      <xsl:call-template name="own-id"/>
      <xsl:apply-templates select="*"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:group">
    <div class="tei-group"><xsl:call-template name="own-id"/><xsl:apply-templates select="*"/></div>
  </xsl:template>

  <xsl:template match="tei:group/tei:text">
    <article class="tei-text-part">
      <xsl:call-template name="own-id"/>
      <xsl:apply-templates select="tei:front | tei:body | tei:group | tei:back"/>
    </article>
  </xsl:template>

  <!-- id="…" from @xml:id, in the apparatus view only (the synoptic columns repeat the text) -->
  <xsl:template name="own-id">
    <xsl:if test="@xml:id and $apparatus"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
    <xsl:call-template name="lang-attr"/>
  </xsl:template>

  <!-- lang="…" from @xml:lang (the language of a division, a line, a speech: a Greek text after a
       German preface), for screen readers, hyphenation and fonts -->
  <xsl:template name="lang-attr">
    <xsl:variable name="lang"><xsl:call-template name="bcp47"><xsl:with-param name="code" select="@xml:lang"/></xsl:call-template></xsl:variable>
    <xsl:if test="string($lang)"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
  </xsl:template>

  <!-- A division's anchor, for the table of contents -->
  <xsl:template name="div-id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise><xsl:text>div-</xsl:text><xsl:variable name="num"><xsl:call-template name="num:number-of"><xsl:with-param name="index" select="$num:divs"/></xsl:call-template></xsl:variable>
        <xsl:choose><xsl:when test="string($num)"><xsl:value-of select="$num"/></xsl:when><xsl:otherwise><xsl:number level="any" count="tei:div" from="tei:TEI/tei:text"/></xsl:otherwise></xsl:choose></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The contents of a text with two or more headed divisions: nested as they are -->
  <xsl:template name="toc">
    <xsl:variable name="divs" select="/tei:TEI/tei:text//tei:div[tei:head]"/>
    <xsl:if test="$apparatus and count($divs) > 1">
      <nav class="toc" aria-labelledby="toc-h" data-pagefind-ignore="">
        <h2 id="toc-h">Contents</h2>
        <ol>
          <xsl:apply-templates select="$divs[not(ancestor::tei:div[tei:head])]" mode="toc"/>
        </ol>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:div" mode="toc">
    <li>
      <a><xsl:attribute name="href">#<xsl:call-template name="div-id"/></xsl:attribute>
        <xsl:variable name="h"><xsl:apply-templates select="tei:head[1]" mode="plain"/></xsl:variable>
        <xsl:value-of select="normalize-space($h)"/>
      </a>
      <xsl:variable name="sub" select=".//tei:div[tei:head][generate-id(ancestor::tei:div[tei:head][1]) = generate-id(current())]"/>
      <xsl:if test="$sub"><ol><xsl:apply-templates select="$sub" mode="toc"/></ol></xsl:if>
    </li>
  </xsl:template>

  <!-- Headings: h2 for a top-level division, one level deeper for each headed division around -->
  <xsl:template match="tei:head">
    <xsl:variable name="depth" select="count(ancestor::tei:div[tei:head]) + count(ancestor::tei:group | ancestor::tei:front | ancestor::tei:back)"/>
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="$depth &lt; 1">2</xsl:when>
        <xsl:when test="$depth > 5">6</xsl:when>
        <xsl:otherwise><xsl:value-of select="$depth + 1"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="h{$level}">
      <xsl:call-template name="block-attrs"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:lg/tei:head | tei:castList/tei:head | tei:listPerson/tei:head | tei:listPlace/tei:head
                       | tei:listBibl/tei:head | tei:listOrg/tei:head | tei:listEvent/tei:head | tei:listApp/tei:head
                       | tei:sp/tei:head | tei:castGroup/tei:head">
    <p class="tei-head sub-head"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- ===== verse ===== -->
  <xsl:template match="tei:lg">
    <div>
      <xsl:call-template name="block-attrs"/>
      <xsl:call-template name="own-id"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:l">
    <xsl:variable name="n"><xsl:call-template name="verse-number"/></xsl:variable>
    <xsl:variable name="shown"><xsl:call-template name="verse-number-shown"><xsl:with-param name="n" select="$n"/></xsl:call-template></xsl:variable>
    <xsl:variable name="indent"><xsl:call-template name="verse-indent"/></xsl:variable>
    <div class="tei-l indent-{$indent}" data-n="{$n}">
      <xsl:if test="$wit and parent::tei:div">
        <xsl:attribute name="data-block"><xsl:value-of select="count(preceding-sibling::*)"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="own-id"/>
      <span class="l-n" aria-hidden="true" data-pagefind-ignore="">
        <xsl:if test="string($shown)"><xsl:value-of select="$n"/></xsl:if>
      </span>
      <span class="l-text"><xsl:apply-templates/></span>
    </div>
  </xsl:template>

  <!-- ===== drama ===== -->
  <xsl:template match="tei:sp">
    <xsl:variable name="ids"><xsl:call-template name="who-ids"/></xsl:variable>
    <div class="tei-sp">
      <xsl:if test="string($ids)">
        <xsl:attribute name="data-who"><xsl:call-template name="token-list"><xsl:with-param name="value" select="$ids"/></xsl:call-template></xsl:attribute>
      </xsl:if>
      <xsl:if test="$wit and parent::tei:div">
        <xsl:attribute name="data-block"><xsl:value-of select="count(preceding-sibling::*)"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="own-id"/>
      <xsl:if test="not(tei:speaker)">
        <!-- no speaker written: the name of the person @who points to -->
        <xsl:variable name="name"><xsl:call-template name="who-name"/></xsl:variable>
        <xsl:if test="string($name)"><p class="speaker implied"><xsl:value-of select="$name"/></p></xsl:if>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <xsl:variable name="name"><xsl:for-each select="parent::tei:sp"><xsl:call-template name="who-name"/></xsl:for-each></xsl:variable>
    <xsl:variable name="ids"><xsl:for-each select="parent::tei:sp"><xsl:call-template name="who-ids"/></xsl:for-each></xsl:variable>
    <xsl:variable name="who" select="substring-before(concat($ids, ' '), ' ')"/>
    <p class="speaker">
      <xsl:if test="string($name) and normalize-space($name) != normalize-space(.)">
        <xsl:attribute name="title"><xsl:value-of select="$name"/></xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <!-- the speaker is a person of the cast (particDesc, standOff): a link to their register page -->
        <xsl:when test="$who and key('by-id', $who)[self::tei:person or self::tei:personGrp[false()]] and $apparatus">
          <a class="ent ent-person speaker-link" href="{$register-base}{$doc-stem}.{$who}.html" data-ref="{$doc-stem}.{$who}">
            <xsl:apply-templates/>
          </a>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <!-- A stage direction between speeches or lines stands apart; inside a line or paragraph it stays inline -->
  <xsl:template match="tei:stage">
    <xsl:choose>
      <xsl:when test="parent::tei:p or parent::tei:l or parent::tei:ab or parent::tei:speaker or parent::tei:head
                      or parent::tei:seg or parent::tei:hi or parent::tei:q or parent::tei:said">
        <span class="tei-stage inline"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:call-template name="block-attrs"/>
          <xsl:apply-templates/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:castList">
    <section class="tei-castList">
      <xsl:call-template name="own-id"/>
      <xsl:apply-templates select="tei:head"/>
      <ul><xsl:apply-templates select="*[not(self::tei:head)]"/></ul>
    </section>
  </xsl:template>
  <xsl:template match="tei:castItem">
    <li class="tei-castItem"><xsl:call-template name="own-id"/><xsl:apply-templates/></li>
  </xsl:template>
  <xsl:template match="tei:castGroup">
    <li class="tei-castGroup">
      <xsl:apply-templates select="tei:head | tei:roleDesc"/>
      <ul><xsl:apply-templates select="*[not(self::tei:head or self::tei:roleDesc)]"/></ul>
    </li>
  </xsl:template>
  <xsl:template match="tei:role | tei:roleDesc | tei:actor">
    <span class="tei-{local-name()}"><xsl:call-template name="own-id"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:roleDesc[preceding-sibling::tei:role]" priority="1">
    <xsl:text> </xsl:text><span class="tei-roleDesc"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:set | tei:trailer | tei:byline | tei:epigraph | tei:argument | tei:docImprint
                       | tei:docAuthor | tei:docDate | tei:titlePart | tei:docEdition">
    <div><xsl:call-template name="block-attrs"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:titlePage | tei:docTitle">
    <div><xsl:call-template name="block-attrs"/><xsl:apply-templates/></div>
  </xsl:template>

  <!-- ===== letters ===== -->
  <xsl:template match="tei:address">
    <div><xsl:call-template name="block-attrs"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:addrLine">
    <span class="tei-addrLine"><xsl:apply-templates/></span><br/>
  </xsl:template>

  <!-- ===== lists with labels, tables, figures, quotations ===== -->
  <xsl:template match="tei:list[tei:label]" priority="1">
    <div>
      <xsl:call-template name="block-attrs"/>
      <xsl:apply-templates select="tei:head"/>
      <dl>
        <xsl:for-each select="tei:label | tei:item">
          <xsl:choose>
            <xsl:when test="self::tei:label"><dt><xsl:apply-templates/></dt></xsl:when>
            <xsl:otherwise><dd><xsl:apply-templates/></dd></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </dl>
    </div>
  </xsl:template>

  <xsl:template match="tei:p/tei:list | tei:note/tei:list">
    <xsl:apply-templates select="tei:head"/>
    <ul class="tei-list"><xsl:apply-templates select="tei:item"/></ul>
  </xsl:template>

  <xsl:template match="tei:table">
    <div class="table-wrap">
      <table>
        <xsl:call-template name="block-attrs"/>
        <xsl:call-template name="own-id"/>
        <xsl:if test="tei:head"><caption><xsl:apply-templates select="tei:head/node()"/></caption></xsl:if>
        <xsl:apply-templates select="tei:row"/>
      </table>
    </div>
  </xsl:template>
  <xsl:template match="tei:row">
    <tr><xsl:apply-templates select="tei:cell"/></tr>
  </xsl:template>
  <xsl:template match="tei:cell">
    <xsl:variable name="tag">
      <xsl:choose>
        <xsl:when test="@role = 'label' or ../@role = 'label'">th</xsl:when>
        <xsl:otherwise>td</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$tag}">
      <xsl:if test="number(@cols) > 1"><xsl:attribute name="colspan"><xsl:value-of select="number(@cols)"/></xsl:attribute></xsl:if>
      <xsl:if test="number(@rows) > 1"><xsl:attribute name="rowspan"><xsl:value-of select="number(@rows)"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:figure">
    <figure>
      <xsl:call-template name="block-attrs"/>
      <xsl:call-template name="own-id"/>
      <xsl:apply-templates select="tei:graphic"/>
      <xsl:if test="tei:head | tei:figDesc | tei:p">
        <figcaption><xsl:apply-templates select="*[not(self::tei:graphic)]"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>
  <xsl:template match="tei:figure/tei:head">
    <strong class="tei-head"><xsl:apply-templates/></strong><xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:figure/tei:figDesc">
    <span class="tei-figDesc"><xsl:apply-templates/></span>
  </xsl:template>
  <!-- a figure's image: shown when it is a file beside the TEI, linked when it is elsewhere -->
  <xsl:template match="tei:figure/tei:graphic" priority="1">
    <xsl:variable name="url" select="normalize-space(@url)"/>
    <xsl:variable name="safe"><xsl:call-template name="image-safe"><xsl:with-param name="url" select="$url"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($safe) and contains($local-images, concat(' ', $url, ' '))">
        <img src="{$url}" alt="{normalize-space(../tei:figDesc)}" loading="lazy"/>
      </xsl:when>
      <xsl:when test="string($safe) and (starts-with($url, 'https://') or starts-with($url, 'http://'))">
        <a class="facs-link" href="{$url}">Image<xsl:if test="normalize-space(../tei:figDesc)">: <xsl:value-of select="normalize-space(../tei:figDesc)"/></xsl:if></a>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:quote | tei:cit | tei:q | tei:said">
    <xsl:choose>
      <xsl:when test="tei:p | tei:lg | tei:l | tei:sp | tei:list | tei:quote[tei:p or tei:l or tei:lg]
                      | self::*[parent::tei:div or parent::tei:body or parent::tei:sp]">
        <blockquote class="tei-{local-name()}"><xsl:apply-templates/></blockquote>
      </xsl:when>
      <xsl:otherwise><q class="tei-{local-name()}"><xsl:apply-templates/></q></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:cit" priority="1">
    <xsl:choose>
      <xsl:when test="parent::tei:div or parent::tei:body or parent::tei:sp or .//tei:p or .//tei:l">
        <div class="tei-cit"><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:otherwise><span class="tei-cit"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:cit/tei:quote" priority="1">
    <q class="tei-quote"><xsl:apply-templates/></q><xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:bibl | tei:biblStruct">
    <cite class="tei-bibl">
      <!-- in a listBibl the entry's li carries the id -->
      <xsl:if test="not(parent::tei:listBibl)"><xsl:call-template name="own-id"/></xsl:if>
      <xsl:apply-templates/>
    </cite>
  </xsl:template>
  <xsl:template match="tei:title">
    <cite class="tei-title"><xsl:apply-templates/></cite>
  </xsl:template>

  <!-- ===== facsimile ===== -->
  <!-- A facsimile whose pages no pb points to (@facs): its images at the head of the text -->
  <xsl:template name="facsimile-images">
    <xsl:if test="$apparatus and not(/tei:TEI/tei:text//tei:pb[@facs])">
      <xsl:for-each select="/tei:TEI/tei:facsimile//tei:graphic[normalize-space(@url)]">
        <xsl:call-template name="page-image"><xsl:with-param name="url" select="normalize-space(@url)"/></xsl:call-template>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- One page image beside the text (a local file), or a link to it (elsewhere) -->
  <xsl:template name="page-image">
    <xsl:param name="url"/>
    <xsl:param name="label" select="'Image of the page'"/>
    <xsl:variable name="safe"><xsl:call-template name="image-safe"><xsl:with-param name="url" select="$url"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($safe) and contains($local-images, concat(' ', $url, ' '))">
        <span class="facs-page"><a href="{$url}"><img src="{$url}" alt="{$label}" loading="lazy"/></a></span>
      </xsl:when>
      <xsl:when test="string($safe) and (starts-with($url, 'https://') or starts-with($url, 'http://'))">
        <span class="facs-page remote"><a class="facs-link" href="{$url}"><xsl:value-of select="$label"/></a></span>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ===== pointers and anchors ===== -->
  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="kind"><xsl:call-template name="target-kind"/></xsl:variable>
    <xsl:variable name="first" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="self::tei:ptr or not(normalize-space(.) or *)">
          <xsl:choose>
            <xsl:when test="$kind = 'internal'">
              <xsl:variable name="t" select="key('by-id', substring($first, 2))[1]"/>
              <xsl:choose>
                <xsl:when test="$t/@n">§ <xsl:value-of select="$t/@n"/></xsl:when>
                <xsl:otherwise>↗ <xsl:value-of select="substring($first, 2)"/></xsl:otherwise>
              </xsl:choose>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$first"/></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$kind = 'external'">
        <a class="ext" href="{$first}"><xsl:value-of select="$label"/><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:when test="$kind = 'internal' and key('by-id', substring($first, 2))[ancestor::tei:text] and $apparatus">
        <a class="int" href="{$first}"><xsl:value-of select="$label"/><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:when test="$kind = 'document'">
        <a href="{substring($first, 1, string-length($first) - 4)}.html"><xsl:value-of select="$label"/><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:when test="$kind = 'document-part' and string($part-links)">
        <xsl:variable name="file" select="substring-before($first, '#')"/>
        <a href="{substring($file, 1, string-length($file) - 4)}.html#{substring-after($first, '#')}"><xsl:value-of select="$label"/><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-{local-name()}">
          <xsl:variable name="t" select="key('by-id', substring($first, 2))[1]"/>
          <xsl:if test="starts-with($first, '#') and $t">
            <xsl:attribute name="title"><xsl:value-of select="normalize-space($t)"/></xsl:attribute>
          </xsl:if>
          <xsl:value-of select="$label"/><xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:anchor">
    <span class="tei-anchor"><xsl:call-template name="own-id"/></span>
  </xsl:template>

  <!-- ===== transcription ===== -->
  <xsl:template match="tei:hi | tei:emph">
    <xsl:variable name="styles"><xsl:call-template name="hi-styles"/></xsl:variable>
    <span>
      <xsl:attribute name="class">
        <xsl:value-of select="concat('tei-', local-name())"/>
        <xsl:if test="@type"><xsl:text> type-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@type"/></xsl:call-template></xsl:if>
        <xsl:if test="@rend"><xsl:text> rend-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@rend"/></xsl:call-template></xsl:if>
        <xsl:for-each select="self::tei:emph[not(normalize-space($styles))]"> s-italic</xsl:for-each>
        <xsl:call-template name="style-classes"><xsl:with-param name="styles" select="normalize-space($styles)"/></xsl:call-template>
      </xsl:attribute>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template name="style-classes">
    <xsl:param name="styles"/>
    <xsl:if test="string($styles)">
      <xsl:text> s-</xsl:text><xsl:value-of select="substring-before(concat($styles, ' '), ' ')"/>
      <xsl:call-template name="style-classes"><xsl:with-param name="styles" select="substring-after($styles, ' ')"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- "a b" -> "a b" with every word made a safe token -->
  <xsl:template name="token-list">
    <xsl:param name="value"/>
    <xsl:variable name="v" select="normalize-space($value)"/>
    <xsl:if test="$v">
      <xsl:call-template name="token"><xsl:with-param name="value" select="substring-before(concat($v, ' '), ' ')"/></xsl:call-template>
      <xsl:if test="contains($v, ' ')">
        <xsl:text> </xsl:text>
        <xsl:call-template name="token-list"><xsl:with-param name="value" select="substring-after($v, ' ')"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A line break inside a word (break="no") joins the word; the diplomatic view marks it -->
  <xsl:template match="tei:lb[@break = 'no']" mode="inner" priority="1">
    <span class="lb-join" title="line break inside the word"></span>
  </xsl:template>

  <xsl:template match="tei:cb" mode="inner">
    <xsl:if test="@n"><span class="cb dipl" data-pagefind-ignore="">col. <xsl:value-of select="@n"/></span></xsl:if>
  </xsl:template>

  <xsl:template match="tei:milestone[@n]" mode="inner" priority="1">
    <span class="milestone" data-pagefind-ignore="">
      <xsl:if test="@unit"><xsl:value-of select="@unit"/><xsl:text> </xsl:text></xsl:if>
      <xsl:value-of select="@n"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:space">
    <span class="tei-space" title="space in the source"><xsl:text> </xsl:text></span>
  </xsl:template>

  <xsl:template match="tei:damage | tei:restore | tei:mod | tei:retrace | tei:secl">
    <span class="tei-{local-name()}">
      <xsl:attribute name="title">
        <xsl:choose>
          <xsl:when test="self::tei:damage">damaged in the source</xsl:when>
          <xsl:when test="self::tei:restore">restored (a deletion undone)</xsl:when>
          <xsl:when test="self::tei:mod">modified in the source</xsl:when>
          <xsl:when test="self::tei:retrace">retraced in the source</xsl:when>
          <xsl:otherwise>secluded by the editor</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="@agent"><xsl:text>: </xsl:text><xsl:value-of select="@agent"/></xsl:if>
      </xsl:attribute>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:handShift">
    <span class="tei-handShift">
      <xsl:attribute name="title">
        <xsl:text>another hand</xsl:text>
        <xsl:if test="@new"><xsl:text>: </xsl:text><xsl:value-of select="translate(@new, '#', '')"/></xsl:if>
      </xsl:attribute>
    </span>
  </xsl:template>

  <!-- Where a witness's text begins or ends, or a lacuna in it -->
  <xsl:template match="tei:witStart | tei:witEnd | tei:lacunaStart | tei:lacunaEnd">
    <xsl:variable name="sigla">
      <xsl:for-each select="ancestor::tei:rdg[1] | ancestor::tei:lem[1]"><xsl:call-template name="reading-sigla"/></xsl:for-each>
      <xsl:if test="@wit"><xsl:call-template name="witness-sigla"/></xsl:if>
    </xsl:variable>
    <span class="wit-mark {local-name()}" data-pagefind-ignore="">
      <xsl:text>[</xsl:text>
      <xsl:choose>
        <xsl:when test="self::tei:witStart">text of </xsl:when>
        <xsl:when test="self::tei:witEnd">end of </xsl:when>
        <xsl:when test="self::tei:lacunaStart">lacuna in </xsl:when>
        <xsl:otherwise>end of lacuna in </xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="normalize-space($sigla)"/>
      <xsl:if test="self::tei:witStart"> begins</xsl:if>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- ===== registers kept in the text (back matter): entries that pointers reach ===== -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listBibl | tei:listEvent | tei:listNym">
    <section class="tei-{local-name()}">
      <xsl:call-template name="own-id"/>
      <xsl:apply-templates select="tei:head"/>
      <ul><xsl:apply-templates select="*[not(self::tei:head)]" mode="entry"/></ul>
    </section>
  </xsl:template>
  <xsl:template match="*" mode="entry">
    <li class="tei-{local-name()}">
      <xsl:call-template name="own-id"/>
      <xsl:apply-templates select="."/>
    </li>
  </xsl:template>
  <xsl:template match="tei:person | tei:place | tei:org | tei:event | tei:nym | tei:personGrp">
    <span class="tei-{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>
  <!-- inside an entry, names are the entry's own, not mentions -->
  <xsl:template match="tei:person//* | tei:place//* | tei:org//* | tei:event//*" priority="-0.1">
    <span class="tei-{local-name()}"><xsl:apply-templates/></span>
    <xsl:if test="following-sibling::*"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="tei:person//tei:persName | tei:person//tei:placeName | tei:place//tei:placeName | tei:org//tei:orgName
                       | tei:person//tei:date | tei:place//tei:date | tei:event//tei:date | tei:person//tei:settlement
                       | tei:place//tei:settlement | tei:person//tei:orgName" priority="1">
    <span class="tei-{local-name()}"><xsl:apply-templates/></span>
    <xsl:if test="following-sibling::*"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="tei:location | tei:geo" priority="1"/>

  <!-- ===== the apparatus kept apart: a back listApp, entries pointing into the text ===== -->
  <xsl:template match="tei:listApp">
    <section class="tei-listApp">
      <xsl:call-template name="own-id"/>
      <xsl:apply-templates select="tei:head"/>
      <ol class="app-list"><xsl:apply-templates select="tei:app" mode="listApp"/></ol>
    </section>
  </xsl:template>
  <xsl:template match="tei:app" mode="listApp">
    <li class="app-entry">
      <xsl:call-template name="own-id"/>
      <xsl:if test="@loc or @from">
        <span class="app-loc">
          <xsl:variable name="from" select="substring-after(@from, '#')"/>
          <xsl:choose>
            <xsl:when test="$from and key('by-id', $from) and $apparatus"><a href="#{$from}"><xsl:value-of select="(@loc | @from)[1]"/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="(@loc | @from)[1]"/></xsl:otherwise>
          </xsl:choose>
        </span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:call-template name="app-entry"><xsl:with-param name="with-notes" select="true()"/></xsl:call-template>
    </li>
  </xsl:template>

  <!-- One apparatus entry as text: every reading with its sigla (the panel of an inline app, an entry
       of a back listApp).  A reading: "lem." for the lemma ("(ed.)" when an editor chose it), its
       sigla, its words ("om." when it has none), its type or cause.  Notes inside the entry: listed
       here in a listApp; an inline app's notes are notes of the text (render-app). -->
  <xsl:template name="app-entry">
    <xsl:param name="with-notes" select="false()"/>
    <xsl:for-each select="tei:lem | tei:rdg | tei:rdgGrp//tei:lem | tei:rdgGrp//tei:rdg | tei:witDetail | tei:rdgGrp/tei:witDetail
                          | tei:note[$with-notes]">
      <span class="app-reading">
        <xsl:choose>
          <xsl:when test="self::tei:note">
            <span class="app-note"><xsl:apply-templates/></span>
          </xsl:when>
          <xsl:when test="self::tei:witDetail">
            <span class="siglum"><xsl:call-template name="witness-sigla"/></span>
            <xsl:text> </xsl:text>
            <span class="app-note"><xsl:apply-templates/></span>
          </xsl:when>
          <xsl:otherwise>
            <xsl:if test="self::tei:lem"><span class="lem-mark">lem.<xsl:if test="@resp"> (ed.)</xsl:if> </span></xsl:if>
            <span class="siglum"><xsl:call-template name="reading-sigla"/></span>
            <xsl:text> </xsl:text>
            <xsl:variable name="text"><xsl:apply-templates mode="plain"/></xsl:variable>
            <xsl:choose>
              <xsl:when test="normalize-space($text)"><span class="reading-text"><xsl:value-of select="normalize-space($text)"/></span></xsl:when>
              <xsl:when test=".//tei:witStart | .//tei:witEnd | .//tei:lacunaStart | .//tei:lacunaEnd">
                <!-- what the mark says, in words (it showed the element's name, "witStart") -->
                <xsl:variable name="mark" select="(.//tei:witStart | .//tei:witEnd | .//tei:lacunaStart | .//tei:lacunaEnd)[1]"/>
                <em><xsl:choose>
                  <xsl:when test="$mark/self::tei:witStart">text begins</xsl:when>
                  <xsl:when test="$mark/self::tei:witEnd">text ends</xsl:when>
                  <xsl:when test="$mark/self::tei:lacunaStart">lacuna begins</xsl:when>
                  <xsl:otherwise>lacuna ends</xsl:otherwise>
                </xsl:choose></em>
              </xsl:when>
              <xsl:otherwise><em>om.</em></xsl:otherwise>
            </xsl:choose>
            <xsl:if test="@type and @type != 'conjecture' and @type != 'conj'"><xsl:text> </xsl:text><span class="rdg-type">(<xsl:value-of select="@type"/>)</span></xsl:if>
            <xsl:if test="@cause"><xsl:text> </xsl:text><span class="rdg-type">(<xsl:value-of select="@cause"/>)</span></xsl:if>
          </xsl:otherwise>
        </xsl:choose>
      </span>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
